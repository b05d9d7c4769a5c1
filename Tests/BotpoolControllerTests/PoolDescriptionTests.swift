@testable import BotpoolCLI
import BotpoolController
import Foundation
import Testing

/// `describe pool` and `get pools` for fork pools: runtime, zygote, preload, memory.
@Suite struct PoolDescriptionTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let execPool = PoolView(name: "botpool-clitest.alice-0", poolClass: "clitest", tenant: "alice", index: 0,
                                   basePort: 19600, state: "running", bots: 2, capacity: 10, templateHash: "t1",
                                   runtime: "exec")
    static let forkPool = PoolView(
        name: "botpool-ft.alice-0", poolClass: "ft", tenant: "alice", index: 0, basePort: 9300, state: "running",
        bots: 3, capacity: 10, templateHash: "t2", runtime: "fork",
        zygote: ZygoteView(state: "RUNNING", pid: 7, since: now.addingTimeInterval(-310), python: "/opt/freqtrade/bin/python3",
                           pythonVersion: "3.11.2", preload: ["freqtrade.main", "freqtrade.rpc.api_server.webserver"],
                           preloadSeconds: 2.314, frozenObjects: 412_345),
        memory: PoolMemory(pssBytes: 642_045_132, processes: 8))

    @Test func forkPoolShowsRuntimeZygotePreloadMemoryAndTheZygoteLog() {
        let outcome = DescribeCommand.execute(
            kind: .pool, name: Self.forkPool.name, tenant: "default",
            snapshot: StatusSnapshot(generatedAt: Self.now, pools: [Self.forkPool]),
            logTail: .lines(["botpool-zygote: preloaded 2 modules in 2.31 s", "botpool-zygote: serving"]),
            fromServer: false, now: Self.now)
        #expect(outcome.stdout.hasPrefix("""
            Name:           botpool-ft.alice-0
            Class:          ft
            Tenant:         alice
            Index:          0
            State:          running
            Runtime:        fork
            Zygote:         RUNNING (pid 7, up 5m10s)
            Python:         /opt/freqtrade/bin/python3 (3.11.2)
            Preload:        freqtrade.main, freqtrade.rpc.api_server.webserver in 2.31 s, 412345 objects frozen
            Memory:         612.3Mi PSS in 8 processes
            Bots:           3/10
            """), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("""
            Zygote log:     (last 2 lines)
              botpool-zygote: preloaded 2 modules in 2.31 s
              botpool-zygote: serving
            """), "\(outcome.stdout)")
    }

    @Test func anExecPoolHasNoZygoteSections() {
        let outcome = DescribeCommand.execute(
            kind: .pool, name: Self.execPool.name, tenant: "default",
            snapshot: StatusSnapshot(generatedAt: Self.now, pools: [Self.execPool]), logTail: .poolNotRunning,
            fromServer: false, now: Self.now)
        #expect(outcome.stdout.contains("Runtime:        exec\n"))
        #expect(!outcome.stdout.contains("Zygote"))
        #expect(!outcome.stdout.contains("Preload"))
    }

    @Test func aZygoteThatDoesNotServeSaysWhereToLook() {
        let failed = ZygoteView(state: "BACKOFF", exitStatus: 1)
        #expect(PoolDescription.state(of: failed, now: Self.now) == "BACKOFF (exit status 1)")
        #expect(PoolDescription.preload(of: failed) == "<not serving; see the zygote log>")
        let preloading = ZygoteView(state: "RUNNING", pid: 9)
        #expect(PoolDescription.preload(of: preloading) == "<in progress>")
    }

    @Test func getPoolsShowsRuntimeAndMemory() {
        let outcome = GetCommand.execute(StatusSnapshot(generatedAt: Self.now, pools: [Self.forkPool, Self.execPool]),
                                         resource: .pools, format: .table, tenant: nil, now: Self.now)
        #expect(outcome.stdout == """
            NAME                      CLASS     TENANT   STATE     RUNTIME   BOTS   PORTS         MEMORY    TEMPLATE
            botpool-ft.alice-0        ft        alice    running   fork      3/10   9300-9309     612.3Mi   t2
            botpool-clitest.alice-0   clitest   alice    running   exec      2/10   19600-19609   -         t1

            """, "\(outcome.stdout)")
    }

    @Test(arguments: [(Int64(512), "512B"), (2048, "2.0Ki"), (642_045_132, "612.3Mi"), (3 << 30, "3.0Gi")])
    func memoryPrintsInBinaryUnits(bytes: Int64, text: String) {
        #expect(MemoryText.binary(bytes) == text)
    }
}

extension PoolDescriptionTests {
    @Test func aLongPreloadIsCountedOnItsLineAndListedBelow() {
        var pool = Self.forkPool
        let modules = (1...20).map { "freqtrade.rpc.api_server.module_\($0)" }
        pool.zygote?.preload = modules
        let text = PoolDescription.render(pool, bots: [], zygoteLog: nil, events: nil, now: Self.now)
        #expect(text.contains("Preload:        20 modules in 2.31 s, 412345 objects frozen\n"), "\(text)")
        #expect(text.contains("Preloaded:\n  freqtrade.rpc.api_server.module_1, freqtrade.rpc.api_server.module_2,"), "\(text)")
        let listed = text.components(separatedBy: "Preloaded:\n")[1].components(separatedBy: "Memory:")[0]
        #expect(listed.split(separator: "\n").allSatisfy { $0.count <= 98 }, "\(listed)")
        #expect(listed.replacingOccurrences(of: "\n  ", with: " ").contains(modules.joined(separator: ", ")))
    }
}

extension PoolDescriptionTests {
    @Test func aLearningZygoteShowsWhatItLearnedWhatThatSavesAndWhereItIsKept() {
        let learned = LearnedPreload(modules: (1...45).map { "mod\($0)" }, learnedBytes: 195 << 20, pool: Self.forkPool.name)
        let text = PoolDescription.render(Self.forkPool, bots: [], zygoteLog: nil, learned: learned, events: nil, now: Self.now)
        #expect(text.contains("Learned:        45 modules; saves ~195.0Mi per bot forked after learning"), "\(text)")
        #expect(text.contains("kept in classes/ft/learned-preload.json\n"), "\(text)")
        #expect(text.contains("Learned modules:\n  mod1, mod2,"), "\(text)")
        #expect(text.contains("mod40, … 5 more\n"), "\(text)")
        #expect(!text.contains("mod41"), "\(text)")

        let nothing = LearnedPreload(modules: [], learnedBytes: 0, pool: nil)
        let fresh = PoolDescription.render(Self.forkPool, bots: [], zygoteLog: nil, learned: nothing, events: nil, now: Self.now)
        #expect(fresh.contains("Learned:        nothing yet (learns from the first bot it forks)\n"), "\(fresh)")
    }
}
