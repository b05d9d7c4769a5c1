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
        #expect(state == TradingState(openTrades: 2, state: "paused", dryRun: false, problem: "refused", observedAt: 12))
        state = TradingWatch.fold(state, .lastProcess(9), at: 13)
        #expect(state == TradingState(openTrades: 2, state: "paused", dryRun: false, lastProcessAt: 9, observedAt: 13))
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
        ])
        let text = metrics.render()
        #expect(text.contains(#"botpool_bot_open_trades{tenant="alice",bot="ft"} 2"#), "\(text)")
        #expect(text.contains(#"botpool_bot_trading_state{tenant="alice",bot="ft",state="paused"} 1"#), "\(text)")
        #expect(text.contains(#"botpool_bot_trading_state{tenant="alice",bot="ft",state="running"} 0"#), "\(text)")
        #expect(text.contains(#"botpool_bot_last_process_seconds{tenant="alice",bot="ft"} 1700000000"#), "\(text)")
        #expect(!text.contains(#"bot="plain""#))
        metrics.setTrading([])
        #expect(!metrics.render().contains(#"bot="ft""#))
    }
}
