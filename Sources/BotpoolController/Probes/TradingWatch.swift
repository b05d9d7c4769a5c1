import AsyncAlgorithms
import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import BotpoolTransport
import Foundation

/// Reads each FreqTrade bot's trading state from its own API (`spec.freqtrade`): one light
/// request per bot per period, the endpoints in turn (`/status`, `/show_config`, `/health`),
/// a bounded number at a time. What comes back is hostile input from inside a pool: the client
/// bounds every answer and its errors, and nothing read here changes what runs.
public actor TradingWatch {
    /// One bot's API and the login to it. `generation` changes with the bot's process.
    public struct Target: WatchTarget {
        public var bot: BotID
        public var host: String
        public var port: Int
        public var credentials: Freqtrade.Credentials
        public var periodSeconds: Int
        public var generation: String

        public init(bot: BotID, host: String, port: Int, credentials: Freqtrade.Credentials, periodSeconds: Int, generation: String) {
            self.bot = bot
            self.host = host
            self.port = port
            self.credentials = credentials
            self.periodSeconds = periodSeconds
            self.generation = generation
        }
    }

    public enum Endpoint: Int, CaseIterable, Sendable {
        case status, showConfig, health
    }

    /// What one request said.
    public enum Reading: Sendable, Equatable {
        case openTrades(Int)
        case config(state: String, dryRun: Bool)
        case lastProcess(Timestamp?)
        case failed(String)
        /// `/status` said no trader runs in the process (webserver mode): it holds no open trade.
        case noTrader
    }

    public typealias Reader = @Sendable (Target, Endpoint) async -> Reading

    private let reader: Reader
    private let commander: Commander
    /// Told when a bot in `focus` reads zero open trades, or a count other than the last.
    private let onTradesChanged: @Sendable (BotID) -> Void
    private let limit: ConcurrencyLimit
    private let clock: @Sendable () -> Timestamp
    private var targets = WatchedTargets<Target>()
    private var states: [BotID: TradingState] = [:]
    private var focused: Set<BotID> = []
    private let started: AsyncStream<Target>
    private let startContinuation: AsyncStream<Target>.Continuation

    public init(concurrency: Int = 16, clock: @escaping @Sendable () -> Timestamp = { Date().timeIntervalSince1970 },
                reader: @escaping Reader = TradingWatch.http, commander: @escaping Commander = TradingWatch.httpCommander,
                onTradesChanged: @escaping @Sendable (BotID) -> Void = { _ in }) {
        self.reader = reader
        self.onTradesChanged = onTradesChanged
        self.commander = commander
        self.limit = ConcurrencyLimit(concurrency)
        self.clock = clock
        (started, startContinuation) = AsyncStream.makeStream()
    }

    /// What the planner and the status see.
    public func current() -> [BotID: TradingState] { states }

    /// The bots whose trade count decides when a waiting change may go (`plan.drains`).
    public func focus(_ bots: Set<BotID>) {
        focused = bots
    }

    /// Replaces the watched bots. A new process starts from nothing (its trades are read again).
    public func update(_ newTargets: [Target]) {
        let change = targets.replace(with: newTargets)
        for id in change.gone + change.newProcess { states[id] = nil }
        change.started.forEach { startContinuation.yield($0) }
    }

    /// Every endpoint of every target once, now (for a one-shot `get bots`).
    public func readOnce(_ newTargets: [Target]) async {
        update(newTargets)
        await withTaskGroup(of: Void.self) { group in
            for target in newTargets {
                for endpoint in Endpoint.allCases {
                    group.addTask { await self.read(target, endpoint) }
                }
            }
        }
    }

    /// Sends `command` to the bot's API and records what it changed: a bot told to stop entries
    /// is paused, and the trade count read before no longer counts (a trade may have opened
    /// since); one told to start is running.
    public func command(_ command: Command, target: Target) async throws(Freqtrade.Error) {
        try await commander(target, command)
        var state = states[target.bot] ?? TradingState()
        switch command {
        case .stopEntries:
            state.state = "paused"
            state.openTradesAt = nil
        case .start:
            state.state = "running"
        }
        states[target.bot] = state
    }

    /// Runs until cancelled: one child task per target, each ending when its target changes.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for await target in started {
                group.addTask { await self.loop(target) }
            }
        }
    }

    private func loop(_ target: Target) async {
        var turn = 0
        await read(target, .status)
        let ticks = AsyncTimerSequence(interval: .seconds(max(1, target.periodSeconds)), clock: .continuous)
        for await _ in ticks {
            guard targets.isCurrent(target) else { return }
            turn += 1
            // While a change waits for the bot to be flat, every other read is its trade count.
            let rotation = Endpoint.allCases
            let endpoint = focused.contains(target.bot)
                ? (turn % 2 == 0 ? .status : rotation[(turn / 2) % rotation.count])
                : rotation[turn % rotation.count]
            await read(target, endpoint)
        }
    }

    private func read(_ target: Target, _ endpoint: Endpoint) async {
        let reader = reader
        let reading = await limit.run { await reader(target, endpoint) }
        guard targets.isCurrent(target) else { return }
        let before = states[target.bot]
        states[target.bot] = Self.fold(before ?? TradingState(), reading, at: clock())
        // A change waits for this bot: the pass that lets it go (at zero), or that shows what it
        // waits for, should not wait for the resync.
        let count: Int? = switch reading {
        case .openTrades(let count): count
        case .noTrader: 0
        default: nil
        }
        if focused.contains(target.bot), let count, count == 0 || count != before?.openTrades {
            onTradesChanged(target.bot)
        }
    }

    /// One reading into the bot's state: the fields it gives change, the others keep their
    /// last value; a failure is kept as the problem until a request succeeds.
    static func fold(_ state: TradingState, _ reading: Reading, at now: Timestamp) -> TradingState {
        var state = state
        state.observedAt = now
        state.problem = nil
        switch reading {
        case .openTrades(let count):
            state.openTrades = count
            state.openTradesAt = now
        case .config(let mode, let dryRun):
            state.state = mode
            state.dryRun = dryRun
        case .lastProcess(let time): state.lastProcessAt = time
        case .failed(let why): state.problem = why
        case .noTrader:
            state.openTrades = 0
            state.openTradesAt = now
            state.problem = problem(.notTrading(endpoint: "", route: ""))
        }
        return state
    }

    /// The real reader: FreqTrade's REST API over HTTP, 5 s per request, answers bounded.
    public static let http: Reader = { target, endpoint in
        do throws(Freqtrade.Error) {
            let client = try target.client()
            switch endpoint {
            case .status:
                do throws(Freqtrade.Error) {
                    return .openTrades(try await client.openTrades().count)
                } catch .notTrading {
                    return .noTrader
                }
            case .showConfig:
                let config = try await client.showConfig()
                // A label value and a status field: only FreqTrade's own words pass.
                return .config(state: knownStates.contains(config.state) ? config.state : "unknown", dryRun: config.dryRun)
            case .health: return .lastProcess(try await client.health().lastProcess?.timeIntervalSince1970)
            }
        } catch {
            return .failed(TradingWatch.problem(error))
        }
    }

    /// What the controller tells a bot: drain (`/stopentry`) and undo it (`/start`).
    public enum Command: Sendable {
        case stopEntries
        case start
    }

    public typealias Commander = @Sendable (Target, Command) async throws(Freqtrade.Error) -> Void

    /// The real commander: FreqTrade's REST API over HTTP, 5 s per request.
    public static let httpCommander: Commander = { target, command throws(Freqtrade.Error) in
        let client = try target.client()
        switch command {
        case .stopEntries: _ = try await client.stopEntries()
        case .start: _ = try await client.startTrading()
        }
    }

    /// The states FreqTrade's `show_config` names (`State` in freqtrade/enums).
    static let knownStates: Set<String> = ["running", "paused", "stopped", "reload_config"]

    /// Short words for the status: the client's errors name the endpoint, which the status
    /// already shows as the bot's port.
    static func problem(_ error: Freqtrade.Error) -> String {
        switch error {
        case .unreachable: "the API does not answer"
        case .unauthorized: "the API refuses botpool's login (401)"
        case .notTrading: "no trader runs (webserver mode, or the bot is still starting)"
        case .refused(_, let route, let reason): "\(route): \(reason)"
        case .api(_, let route, let status, _): "\(route): HTTP \(status)"
        case .malformedResponse(_, let route, _): "\(route): an answer botpool cannot read"
        }
    }
}

extension TradingWatch.Target {
    /// A client for this bot's API over libcurl; an unusable address is an unreachable API.
    func client() throws(Freqtrade.Error) -> Freqtrade.Client {
        let url = "http://\(host):\(port)"
        do throws(TransportError) {
            return try Freqtrade.Client(url: url, credentials: credentials)
        } catch {
            throw .unreachable(endpoint: url, error)
        }
    }
}
