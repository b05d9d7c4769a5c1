@testable import BotpoolController
import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Foundation
import Synchronization
import Testing

@Suite struct TradingWatchTests {
    /// A fake FreqTrade API: what each endpoint says, and which were asked, in order.
    final class FakeAPI: Sendable {
        let asked = Mutex<[TradingWatch.Endpoint]>([])
        let trades = Mutex(0)

        func read(_ target: TradingWatch.Target, _ endpoint: TradingWatch.Endpoint) -> TradingWatch.Reading {
            asked.withLock { $0.append(endpoint) }
            switch endpoint {
            case .status: return .openTrades(trades.withLock { $0 })
            case .showConfig: return .config(state: "running", dryRun: true)
            case .health: return .failed("the API does not answer")
            }
        }
    }

    func target(_ name: String, generation: String = "1@1", period: Int = 1) -> TradingWatch.Target {
        TradingWatch.Target(bot: BotID(tenant: "t", name: name), host: "127.0.0.1", port: 1,
                            credentials: .init(username: "u", password: "p"), periodSeconds: period, generation: generation)
    }

    /// A field keeps its last reading until its endpoint answers again; a failure is the problem
    /// until a request succeeds.
    @Test func readingsFoldIntoTheBotsState() {
        var state = TradingWatch.fold(TradingState(), .openTrades(2), at: 10)
        state = TradingWatch.fold(state, .config(state: "paused", dryRun: false), at: 11)
        state = TradingWatch.fold(state, .failed("refused"), at: 12)
        #expect(state == TradingState(openTrades: 2, openTradesAt: 10, state: "paused", dryRun: false, problem: "refused", observedAt: 12))
        state = TradingWatch.fold(state, .lastProcess(9), at: 13)
        #expect(state == TradingState(openTrades: 2, openTradesAt: 10, state: "paused", dryRun: false, lastProcessAt: 9, observedAt: 13))
    }

    /// A process without a trader (webserver mode) holds no open trade, and says why.
    @Test func noTraderReadsAsNoOpenTrade() {
        let state = TradingWatch.fold(TradingState(openTrades: 2, openTradesAt: 5), .noTrader, at: 20)
        #expect(state.openTrades == 0 && state.openTradesAt == 20)
        #expect(state.problem?.hasPrefix("no trader runs") == true)
    }

    @Test func readOnceAsksEveryEndpointAndANewProcessStartsOver() async {
        let api = FakeAPI()
        api.trades.withLock { $0 = 3 }
        let watch = TradingWatch(clock: { 100 }, reader: { api.read($0, $1) })
        await watch.readOnce([target("a")])
        #expect(Set(api.asked.withLock { $0 }) == Set(TradingWatch.Endpoint.allCases))
        let state = await watch.current()[BotID(tenant: "t", name: "a")]
        #expect(state?.openTrades == 3 && state?.state == "running" && state?.dryRun == true)

        await watch.update([target("a", generation: "2@5")])
        #expect(await watch.current().isEmpty, "a restarted bot kept its old process's trades")
        await watch.update([])
        #expect(await watch.current().isEmpty)
    }

    /// One request per period, the endpoints in turn, starting with the open trades.
    @Test func theRunningWatchTakesTheEndpointsInTurn() async throws {
        let api = FakeAPI()
        let watch = TradingWatch(reader: { api.read($0, $1) })
        let running = Task { await watch.run() }
        defer { running.cancel() }
        await watch.update([target("a")])
        for _ in 0..<200 where api.asked.withLock({ $0.count }) < 4 {
            try await Task.sleep(for: .milliseconds(50))
        }
        let asked = Array(api.asked.withLock { $0 }.prefix(4))
        #expect(asked == [.status, .showConfig, .health, .status])
        #expect(await watch.current()[BotID(tenant: "t", name: "a")]?.openTrades == 0)
    }

    /// A drain pauses the bot and forgets when its trades were counted (a trade may open until
    /// the pause); `/start` makes it running again. A failed command changes nothing.
    @Test func commandsChangeWhatTheWatchKnows() async throws {
        let sent = Mutex<[String]>([])
        let failing = Mutex(false)
        let watch = TradingWatch(clock: { 100 }, reader: { _, _ in .openTrades(1) }, commander: { target, command throws(Freqtrade.Error) in
            if failing.withLock({ $0 }) { throw .unauthorized(endpoint: "x") }
            sent.withLock { $0.append("\(target.bot) \(command)") }
        })
        let id = BotID(tenant: "t", name: "a")
        await watch.readOnce([target("a")])
        #expect(await watch.current()[id]?.openTradesAt == 100)
        try await watch.command(.stopEntries, target: target("a"))
        let paused = await watch.current()[id]
        #expect(paused?.state == "paused" && paused?.openTradesAt == nil && paused?.openTrades == 1)
        try await watch.command(.start, target: target("a"))
        #expect(await watch.current()[id]?.state == "running")
        failing.withLock { $0 = true }
        await #expect(throws: Freqtrade.Error.self) { try await watch.command(.stopEntries, target: target("a")) }
        #expect(await watch.current()[id]?.state == "running")
        #expect(sent.withLock { $0 } == ["t/a stopEntries", "t/a start"])
    }

    /// A bot whose change waits for it to be flat reads its trade count every other turn, and its
    /// count changing (or reaching zero) asks for a pass; a bot not in focus asks nothing.
    @Test func aFocusedBotIsReadMoreOftenAndItsCountStartsAPass() async throws {
        let api = FakeAPI()
        api.trades.withLock { $0 = 2 }
        let passes = Mutex<[BotID]>([])
        let watch = TradingWatch(reader: { api.read($0, $1) }, onTradesChanged: { id in passes.withLock { $0.append(id) } })
        let running = Task { await watch.run() }
        defer { running.cancel() }
        await watch.update([target("a")])
        for _ in 0..<100 where api.asked.withLock({ $0.count }) < 1 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(passes.withLock { $0 }.isEmpty, "a bot out of focus asked for a pass")
        await watch.focus([BotID(tenant: "t", name: "a")])
        api.trades.withLock { $0 = 0 }
        for _ in 0..<400 where passes.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(passes.withLock { $0.first } == BotID(tenant: "t", name: "a"))
        for _ in 0..<400 where api.asked.withLock({ $0.count }) < 6 { try await Task.sleep(for: .milliseconds(50)) }
        let turns = Array(api.asked.withLock { $0 }.dropFirst(2).prefix(4))
        #expect(turns.filter { $0 == .status }.count >= 2, "\(turns)")
    }

    /// The login comes from the bot's password variable: a secret read this pass, or a literal.
    @Test func loginsComeFromThePasswordVariable() {
        var secret = BotSpec(poolClass: "c", command: ["x"], env: [EnvVar(name: FreqtradeAPI.passwordVariable, value: .fromFile(path: "/s/t/pw"))])
        secret.freqtrade = FreqtradeAPI(username: "botpool", periodSeconds: 7)
        var literal = BotSpec(poolClass: "c", command: ["x"], env: [EnvVar(name: FreqtradeAPI.passwordVariable, value: .literal("open"))])
        literal.freqtrade = FreqtradeAPI(username: "u")
        let plain = BotSpec(poolClass: "c", command: ["x"])
        let bots = [Bot(name: "s", tenant: "t", spec: secret), Bot(name: "l", tenant: "t", spec: literal), Bot(name: "p", tenant: "t", spec: plain)]
        let logins = TradingTargets.logins(bots, secrets: [BotID(tenant: "t", name: "s"): [FreqtradeAPI.passwordVariable: "hunter2"]])
        #expect(logins[BotID(tenant: "t", name: "s")]?.0 == Freqtrade.Credentials(username: "botpool", password: "hunter2"))
        #expect(logins[BotID(tenant: "t", name: "s")]?.1 == 7)
        #expect(logins[BotID(tenant: "t", name: "l")]?.0 == Freqtrade.Credentials(username: "u", password: "open"))
        #expect(logins[BotID(tenant: "t", name: "p")] == nil)
    }

    @Test func metricsReportEachBotAndForgetOneThatGoes() {
        let metrics = ControllerMetrics()
        let last = Date(timeIntervalSince1970: 1_700_000_000)
        metrics.setTrading([
            BotView(name: "ft", tenant: "alice", phase: "Running",
                    trading: TradingView(openTrades: 2, state: "paused", lastProcessAt: last)),
            BotView(name: "plain", tenant: "alice", phase: "Running"),
            BotView(name: "manual", tenant: "alice", phase: "Running",
                    conditions: [Condition(type: "WaitingForRollout", status: true, reason: "update waits", since: last)]),
        ])
        let text = metrics.render()
        #expect(text.contains(#"botpool_bot_open_trades{tenant="alice",bot="ft"} 2"#), "\(text)")
        #expect(text.contains(#"botpool_bot_trading_state{tenant="alice",bot="ft",state="paused"} 1"#), "\(text)")
        #expect(text.contains(#"botpool_bot_trading_state{tenant="alice",bot="ft",state="running"} 0"#), "\(text)")
        #expect(text.contains(#"botpool_bot_last_process_timestamp_seconds{tenant="alice",bot="ft"} 1700000000"#), "\(text)")
        #expect(!text.contains(#"bot="plain""#))
        #expect(text.contains(#"botpool_bot_change_waiting_since_timestamp_seconds{tenant="alice",bot="manual",condition="WaitingForRollout"} 1700000000"#), "\(text)")
        metrics.setTrading([])
        #expect(!metrics.render().contains(#"bot="ft""#))
    }
}
