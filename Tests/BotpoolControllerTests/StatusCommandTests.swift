@testable import BotpoolCLI
import BotpoolController
import Foundation
import Testing

/// `get` and `describe` rendered from a fixed snapshot.
@Suite struct StatusCommandTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let pool = PoolView(name: "botpool-clitest.alice-0", poolClass: "clitest", tenant: "alice", index: 0,
                               basePort: 19600, state: "running", bots: 2, capacity: 10, templateHash: "t1")
    static let snapshot = StatusSnapshot(
        generatedAt: now,
        pools: [pool],
        bots: [
            BotView(name: "btc-dca", tenant: "alice", pool: pool.name, port: 19600, phase: "Running", specHash: "abc123",
                    processState: "RUNNING", pid: 42, conditions: [
                        Condition(type: "Scheduled", status: true, since: now.addingTimeInterval(-300)),
                        Condition(type: "Healthy", status: true, reason: "probe ok"),
                    ]),
            BotView(name: "eth", tenant: "alice", pool: pool.name, port: 19601, phase: "CrashLoopBackOff",
                    reason: "process EXITED: exit 1", processState: "EXITED", lastExitStatus: 1, restarts: 3,
                    nextRetryAt: now.addingTimeInterval(40), lastError: "startBot failed: spawn error"),
            BotView(name: "web", tenant: "bob", phase: "Pending", reason: "Unschedulable: no free slot"),
        ],
        events: [
            StatusEvent(time: now.addingTimeInterval(-60), object: "alice/eth", kind: "restartBot", message: "process exited 1"),
            StatusEvent(time: now.addingTimeInterval(-30), object: "bob/web", kind: "placeBot", message: "new bot"),
        ]
    )

    @Test func getBotsTableFiltersByTenant() {
        let outcome = GetCommand.execute(Self.snapshot, resource: .bots, format: .table, tenant: "alice", now: Self.now)
        #expect(outcome.stdout == """
            TENANT   NAME      POOL                      PORT    PHASE              RESTARTS   OPEN TRADES   REASON
            alice    btc-dca   botpool-clitest.alice-0   19600   Running            0          -
            alice    eth       botpool-clitest.alice-0   19601   CrashLoopBackOff   3          -             process EXITED: exit 1; retry in 40s

            """)
    }

    @Test func getBotsJSONIsTheBotsArrayWithTheContractFields() throws {
        let outcome = GetCommand.execute(Self.snapshot, resource: .bots, format: .json, tenant: nil, now: Self.now)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 3)
        #expect(array[0]["name"] as? String == "btc-dca")
        #expect(array[0]["tenant"] as? String == "alice")
        #expect(array[0]["pool"] as? String == "botpool-clitest.alice-0")
        #expect(array[0]["port"] as? Int == 19600)
        #expect(array[0]["phase"] as? String == "Running")
    }

    @Test func getPoolsYAMLAndAnEmptyTenant() {
        let yaml = GetCommand.execute(Self.snapshot, resource: .pools, format: .yaml, tenant: nil, now: Self.now)
        #expect(yaml.stdout.contains("name: botpool-clitest.alice-0"))
        #expect(yaml.stdout.contains("basePort: 19600"))
        let none = GetCommand.execute(Self.snapshot, resource: .pools, format: .table, tenant: "zed", now: Self.now)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr == "No pools found in tenant zed.\n")
    }

    @Test func describeBotShowsEverySection() {
        let outcome = DescribeCommand.execute(
            kind: .bot, name: "eth", tenant: "alice", snapshot: Self.snapshot,
            logTail: .lines(["starting", "boom"]), fromServer: true, now: Self.now)
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == """
            Name:           eth
            Tenant:         alice
            Pool:           botpool-clitest.alice-0
            Port:           19601
            Phase:          CrashLoopBackOff (process EXITED: exit 1)
            Spec hash:      <none>
            Manifest:       -
            Commit:         -
            Process:        EXITED
            Restarts:       3
            Next retry:     in 40s (2027-01-15T08:00:40Z)
            Last exit:      status 1
            Last error:     startBot failed: spawn error
            Conditions:     <none>
            Log tail:       (last 2 lines)
              starting
              boom
            Events:
              AGE   KIND         MESSAGE
              1m    restartBot   process exited 1

            """)
    }

    @Test func describeBotConditionsAndDirectModeEvents() {
        let outcome = DescribeCommand.execute(
            kind: .bot, name: "btc-dca", tenant: "alice", snapshot: Self.snapshot,
            logTail: .poolNotRunning, fromServer: false, now: Self.now)
        #expect(outcome.stdout.contains("Process:        RUNNING (pid 42)\n"))
        #expect(outcome.stdout.contains("""
            Conditions:
              TYPE        STATUS   REASON     SINCE
              Scheduled   True                5m ago
              Healthy     True     probe ok
            """))
        #expect(outcome.stdout.contains("Log tail:       <pool not running>\n"))
        #expect(outcome.stdout.hasSuffix("Events:         <only known to a running controller; use --server>\n"))
    }

    @Test func describeUnknownBotNamesItsTenant() {
        let outcome = DescribeCommand.execute(
            kind: .bot, name: "x", tenant: "default", snapshot: Self.snapshot, logTail: .poolNotRunning,
            fromServer: false, now: Self.now)
        #expect(outcome.exitCode == 1)
        #expect(outcome.stderr == "bot \"x\" not found in tenant default\n")
        let elsewhere = DescribeCommand.execute(
            kind: .bot, name: "eth", tenant: "default", snapshot: Self.snapshot, logTail: .poolNotRunning,
            fromServer: false, now: Self.now)
        #expect(elsewhere.stderr == "bot \"eth\" not found in tenant default (it exists in tenant alice; use --tenant)\n")
    }

    /// `describe bot alice/eth`, as `restart` and `move` take their BOT argument.
    @Test func describeBotTakesTenantSlashName() {
        let found = DescribeCommand.execute(
            kind: .bot, name: "alice/eth", tenant: "default", snapshot: Self.snapshot, logTail: .poolNotRunning,
            fromServer: false, now: Self.now)
        #expect(found.exitCode == 0)
        #expect(found.stdout.contains("Tenant:         alice\n"))
        let missing = DescribeCommand.execute(
            kind: .bot, name: "bob/eth", tenant: "alice", snapshot: Self.snapshot, logTail: .poolNotRunning,
            fromServer: false, now: Self.now)
        #expect(missing.exitCode == 1)
        #expect(missing.stderr == "bot \"eth\" not found in tenant bob (it exists in tenant alice; use --tenant)\n")
    }

    @Test func describePoolListsItsBots() {
        let outcome = DescribeCommand.execute(
            kind: .pool, name: Self.pool.name, tenant: "default", snapshot: Self.snapshot, logTail: .poolNotRunning,
            fromServer: true, now: Self.now)
        #expect(outcome.stdout.hasPrefix("""
            Name:           botpool-clitest.alice-0
            Class:          clitest
            Tenant:         alice
            Index:          0
            State:          running
            Runtime:        <none>
            Memory:         <not measured>
            Bots:           2/10
            Ports:          19600-19609
            Template hash:  t1
            """))
        #expect(outcome.stdout.contains("  alice    btc-dca"))
        #expect(!outcome.stdout.contains("bob"))
        #expect(outcome.stdout.hasSuffix("Events:         <none>\n"))
    }

    @Test func logTailKeepsTheLastLines() {
        #expect(LogTailText.lastLines(of: "a\nb\nc\n", count: 2) == ["b", "c"])
        #expect(LogTailText.lastLines(of: "", count: 2) == [])
    }
}
