@testable import BotpoolCLI
import BotpoolController
import Foundation
import Testing

@Suite struct StatusTablesTests {
    @Test func botsTableLinesUpColumnsLikeKubectl() {
        let now = Date(timeIntervalSince1970: 1000)
        let text = StatusTables.bots([
            BotView(name: "btc-dca", tenant: "alice", pool: "botpool-q.alice-0", port: 9100, phase: "Running"),
            BotView(name: "eth", tenant: "bob", phase: "CrashLoopBackOff", reason: "exit 1", restarts: 3,
                      nextRetryAt: now.addingTimeInterval(40)),
            BotView(name: "ft", tenant: "bob", pool: "botpool-q.bob-0", port: 9101, phase: "Running",
                    trading: TradingView(openTrades: 2, state: "running")),
            BotView(name: "ft2", tenant: "bob", pool: "botpool-q.bob-0", port: 9102, phase: "Starting",
                    trading: TradingView(problem: "the API does not answer")),
        ], now: now)
        #expect(text == """
        TENANT   NAME      POOL                PORT   PHASE              RESTARTS   OPEN TRADES   REASON
        alice    btc-dca   botpool-q.alice-0   9100   Running            0          -
        bob      eth       <none>              -      CrashLoopBackOff   3          -             exit 1; retry in 40s
        bob      ft        botpool-q.bob-0     9101   Running            0          2
        bob      ft2       botpool-q.bob-0     9102   Starting           0          ?

        """)
    }

    @Test func wideShowsEachManifestsPathAndCommitAndWhereAFrozenOneBroke() {
        let now = Date(timeIntervalSince1970: 1000)
        let good = String(repeating: "a1", count: 20), bad = String(repeating: "b2", count: 20)
        let text = StatusTables.bots([
            BotView(name: "red", tenant: "alice", phase: "Frozen", reason: "manifest invalid",
                    manifest: ManifestView(path: "deploy/red.yaml", commit: bad, brokenIn: bad, lastGoodCommit: good)),
            BotView(name: "blue", tenant: "alice", phase: "Running",
                    manifest: ManifestView(path: "deploy/blue.yaml", commit: bad)),
            BotView(name: "green", tenant: "alice", phase: "Frozen",
                    manifest: ManifestView(path: nil, commit: bad, brokenIn: bad)),
            BotView(name: "plain", tenant: "bob", phase: "Running"),
        ], now: now, wide: true)
        #expect(text == """
        TENANT   NAME    POOL     PORT   PHASE     RESTARTS   OPEN TRADES   MANIFEST           COMMIT                                           REASON
        alice    red     <none>   -      Frozen    0          -             deploy/red.yaml    broken in b2b2b2b2b2b2, last good a1a1a1a1a1a1   manifest invalid
        alice    blue    <none>   -      Running   0          -             deploy/blue.yaml   b2b2b2b2b2b2
        alice    green   <none>   -      Frozen    0          -             -                  broken in b2b2b2b2b2b2, last good ?
        bob      plain   <none>   -      Running   0          -             -                  -

        """)
        let described = BotDescription.render(
            BotView(name: "red", tenant: "alice", phase: "Frozen",
                    manifest: ManifestView(path: "deploy/red.yaml", commit: bad, brokenIn: bad)),
            logTail: .lines([]), events: nil, now: now)
        #expect(described.contains("Manifest:       deploy/red.yaml\n"))
        #expect(described.contains("Commit:         \(bad)\n"))
        #expect(described.contains("Broken in:      \(bad) (the first commit a pass saw it broken at)\n"))
        #expect(described.contains("Last good:      unknown (not seen valid since the controller started)\n"))
        let plain = BotDescription.render(BotView(name: "plain", tenant: "bob", phase: "Running"),
                                          logTail: .lines([]), events: nil, now: now)
        #expect(plain.contains("Manifest:       -\nCommit:         -\n") && !plain.contains("Broken in"))
    }

    @Test func describeSaysWhatTheBotsAPISaid() {
        let now = Date(timeIntervalSince1970: 1000)
        let said = TradingView(openTrades: 1, state: "paused", dryRun: true, lastProcessAt: now.addingTimeInterval(-4),
                               problem: "the API does not answer")
        #expect(BotDescription.trading(of: said, now: now)
            == "paused, dry-run, 1 open trade, last loop 4s ago, last read failed: the API does not answer")
        #expect(BotDescription.trading(of: TradingView(openTrades: 3, dryRun: false), now: now) == "LIVE, 3 open trades")
        #expect(BotDescription.trading(of: TradingView(), now: now) == "not read yet")
    }

    @Test(arguments: [(5.0, "5s"), (190, "3m10s"), (120, "2m"), (7500, "2h5m"), (7200, "2h"), (-3, "0s")])
    func durationsPrintShort(seconds: Double, text: String) {
        #expect(Durations.short(seconds) == text)
    }

    @Test func yamlAndJSONCarryTheContractFields() throws {
        let bots = [BotView(name: "b", tenant: "t", pool: "p", port: 1, phase: "Running")]
        let json = try OutputFormat.encodeJSON(bots)
        for field in ["\"name\"", "\"tenant\"", "\"pool\"", "\"port\"", "\"phase\""] {
            #expect(json.contains(field))
        }
        #expect(try OutputFormat.encodeYAML(bots).contains("phase: Running"))
    }
}
