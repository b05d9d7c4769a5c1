import DockerTestSupport
import Foundation
import Testing

/// Fork pools when something dies: no bot outlives its launcher, a dead zygote takes its
/// bots along and they all come back with it, a slow preload keeps its launchers waiting, and
/// a zygote refuses a threaded preload.
@Suite(.serialized) struct ForkPoolFailureTests {
    static let suite = "fork-pool-failure"

    init() throws { try DockerEnvironment.prepare(suite: Self.suite) }

    @Test func killingALauncherLeavesNoOrphan() async throws {
        let programs = [ForkPrograms.zygote: ForkPool.zygote(), "victim": ForkPool.bot("victim", port: 9141)]
        try await ForkPool.with(suite: Self.suite, programs: programs) { pool in
            _ = try await poll(seconds: 20) { try pool.healthy(port: 9141) ? true : nil }
            let bot = try #require(pool.botPid("victim"))
            let launcher = try pool.container.info("victim").pid
            #expect(try pool.liveProcesses()[bot] != nil)
            _ = try pool.container.exec(["kill", "-KILL", "\(launcher)"])
            _ = try await poll(seconds: 2) { try pool.liveProcesses()[bot] == nil ? true : nil }
        }
    }

    @Test func killingTheZygoteBringsEveryBotBack() async throws {
        var programs = [ForkPrograms.zygote: ForkPool.zygote()]
        for index in 1...3 {
            programs["bot-\(index)"] = ForkPool.bot("bot-\(index)", port: 9150 + index, autorestart: true, startretries: 3)
        }
        try await ForkPool.with(suite: Self.suite, programs: programs) { pool in
            let ports = 9151...9153
            let names = (1...3).map { "bot-\($0)" }
            try await pool.waitUntilRunning(names)
            _ = try await poll(seconds: 30) { try ports.allSatisfy { try pool.healthy(port: $0) } ? true : nil }
            let zygote = try #require(try pool.zygotePid())
            let bots = (1...3).compactMap { pool.botPid("bot-\($0)") }
            #expect(bots.count == 3)

            _ = try pool.container.exec(["kill", "-KILL", "\(zygote)"])
            _ = try await poll(seconds: 5) {
                let live = try pool.liveProcesses()
                return bots.allSatisfy { live[$0] == nil } ? true : nil
            }
            _ = try await poll(seconds: 30) { try pool.zygotePid().flatMap { $0 != zygote ? $0 : nil } }
            _ = try await poll(seconds: 30) { try ports.allSatisfy { try pool.healthy(port: $0) } ? true : nil }
            try await pool.waitUntilRunning(names)
            for name in names {
                let pid = try #require(pool.botPid(name))
                #expect(!bots.contains(pid), "\(name) answers from its old process")
            }
        }
    }

    @Test func stoppingTheZygoteStopsItsBotsWithSIGTERM() async throws {
        let programs = [ForkPrograms.zygote: ForkPool.zygote(), "calm": ForkPool.bot("calm", port: 9161)]
        try await ForkPool.with(suite: Self.suite, programs: programs) { pool in
            // Both: /healthz answers once the bot serves, after it installed its SIGTERM handler
            // (RUNNING alone comes after the launcher's startsecs, maybe still in the preload);
            // RUNNING, because a bot that ends within its startsecs is a failed start (FATAL).
            _ = try await poll(seconds: 30) { try pool.healthy(port: 9161) ? true : nil }
            try await pool.waitUntilRunning(["calm"])
            _ = try pool.container.rpc("supervisor.stopProcess", [.string(ForkPrograms.zygote)])
            let marker = pool.botsDir.appendingPathComponent("calm/ballast.sigterm")
            #expect(FileManager.default.fileExists(atPath: marker.path), "the bot was not sent SIGTERM")
            let calm = try await poll(seconds: 10) { () -> SupervisorRPC.ProcessInfo? in
                let info = try pool.container.info("calm")
                return info.state == "EXITED" ? info : nil
            }
            #expect(calm.exitStatus == 0)
            #expect(!FileManager.default.fileExists(atPath: pool.container.supervisorDir.appendingPathComponent("zygote.sock").path))
        }
    }

    /// Launchers started with the pool connect while the zygote still preloads: they wait in
    /// the socket's backlog, however long that takes, instead of giving up after --wait (a
    /// FreqTrade preload on a loaded machine took longer than the launchers' 30 s).
    @Test func launchersWaitForASlowPreload() async throws {
        let programs = [
            ForkPrograms.zygote: ForkPool.zygote(preload: ["ballast", "ballast.serve", "ballast.slow"]),
            "patient": ForkPool.bot("patient", port: 9171, launcherWait: 5),
        ]
        try await ForkPool.with(suite: Self.suite, programs: programs) { pool in
            _ = try await poll(seconds: 60) { try pool.healthy(port: 9171) ? true : nil }
            #expect(try pool.container.info("patient").state == "RUNNING")
            let log = pool.container.supervisordLog()
            #expect(!log.contains("exited: patient"), "the launcher gave up: \(log)")
            #expect(pool.container.log(ForkPrograms.zygote).contains("preloaded 3 modules"))
        }
    }

    @Test func zygoteRefusesToServeWhenAPreloadStartsAThread() async throws {
        let programs = [ForkPrograms.zygote: ForkPool.zygote(preload: ["ballast.threaded"], autorestart: false)]
        try await ForkPool.with(suite: Self.suite, programs: programs) { pool in
            let info = try await poll(seconds: 20) { () -> SupervisorRPC.ProcessInfo? in
                let info = try pool.container.info(ForkPrograms.zygote)
                return ["EXITED", "BACKOFF", "FATAL"].contains(info.state) ? info : nil
            }
            #expect(pool.container.supervisordLog().contains("exited: \(ForkPrograms.zygote) (exit status 78"),
                    "zygote: \(info.state) \(info.description)")
            let log = pool.container.log(ForkPrograms.zygote)
            #expect(log.contains("refusing to serve: preloading started threads"), "log: \(log)")
            #expect(log.contains("ballast-sleeper"))
            #expect(!FileManager.default.fileExists(atPath: pool.container.supervisorDir.appendingPathComponent("zygote.sock").path))
        }
    }
}
