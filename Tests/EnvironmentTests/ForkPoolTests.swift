import DockerTestSupport
import Foundation
import Testing

/// Fork pools for real: supervisord in the pool image runs the zygote (preloading ~50 MB of
/// ballast objects) and bots through botpool-launch.
@Suite(.serialized) struct ForkPoolTests {
    static let suite = "fork-pool"

    init() throws { try DockerEnvironment.prepare(suite: Self.suite) }

    @Test func fiveForkedBotsAnswerAndShareTheZygotesPages() async throws {
        let names = (1...5).map { "bot-\($0)" }
        let ports = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, 9101 + $0) })
        var programs = [ForkPrograms.zygote: ForkPool.zygote()]
        for (name, port) in ports {
            programs[name] = ForkPool.bot(name, port: port, autostart: false)
        }
        try await ForkPool.with(suite: Self.suite, programs: programs) { pool in
            _ = try await poll(seconds: 20) { try pool.zygotePid() }
            let growth = try await pool.grow(names, within: 30) { try pool.healthy(port: ports[$0] ?? 0) }
            print("ballast fork pool: \(growth)")
            #expect(growth.megabytesPerExtraBot < 10, "the zygote's pages are not shared: \(growth)")
            for name in names {
                #expect(try pool.container.info(name).state == "RUNNING")
                #expect(pool.report(name) != nil, "\(name) printed nothing into supervisord's log")
            }
        }
    }

    @Test func argvEnvAndCwdReachTheBotExactly() async throws {
        let hostile = [
            "100%", "%(here)s", "%(ENV_HOME)s", "it's", "say \"hi\"", "back\\slash", "two  spaces", "$HOME",
            "ünïcødé ✓", "semi;colon", "a ;b", "hash#tag", "a #b", "", " lead", "trail ", "`id`", "*",
        ]
        let env = ["HOSTILE": "%(here)s ; # 'q' \"dq\" \\ $HOME ü ;x #y", "EMPTY": "", "SPACES": "  a  b  "]
        let programs = [
            ForkPrograms.zygote: ForkPool.zygote(),
            "script": ForkPool.bot("script", port: 9111, argv: ["ballast-serve"] + hostile, env: env),
            "module": ForkPool.bot("module", port: 9112, argv: ["python3", "-m", "ballast.serve"] + hostile, env: env),
        ]
        try await ForkPool.with(suite: Self.suite, programs: programs) { pool in
            for (name, argv0) in [("script", "ballast-serve"), ("module", "/opt/botpool-testdata/ballast/ballast/serve.py")] {
                let report = try await poll(seconds: 20) { pool.report(name) }
                #expect(report["argv"] as? [String] == [argv0] + hostile)
                #expect(report["cwd"] as? String == "/bots/\(name)")
                let seen = report["env"] as? [String: String] ?? [:]
                for (key, value) in env {
                    #expect(seen[key] == value, "\(name): \(key)")
                }
                #expect(seen["ZYGOTE_ONLY"] == nil, "\(name) inherited the zygote's environment")
                #expect(seen["SUPERVISOR_PROCESS_NAME"] == name)
            }
        }
    }

    @Test func stopProcessDeliversSIGTERMToTheBot() async throws {
        let programs = [ForkPrograms.zygote: ForkPool.zygote(), "stopper": ForkPool.bot("stopper", port: 9121)]
        try await ForkPool.with(suite: Self.suite, programs: programs) { pool in
            _ = try await poll(seconds: 20) { try pool.healthy(port: 9121) ? true : nil }
            _ = try pool.container.rpc("supervisor.stopProcess", [.string("stopper")])
            let marker = pool.botsDir.appendingPathComponent("stopper/ballast.sigterm")
            #expect(FileManager.default.fileExists(atPath: marker.path), "the bot never saw SIGTERM")
            #expect(try pool.container.info("stopper").state == "STOPPED")
        }
    }

    @Test func exitStatusAndDeathBySignalReachSupervisord() async throws {
        let programs = [
            ForkPrograms.zygote: ForkPool.zygote(),
            "exits": ForkPool.bot("exits", port: 9131, argv: ["ballast-serve", "exit", "3"], startsecs: 0),
            "dies": ForkPool.bot("dies", port: 9132),
        ]
        try await ForkPool.with(suite: Self.suite, programs: programs) { pool in
            let exited = try await poll(seconds: 20) { () -> SupervisorRPC.ProcessInfo? in
                let info = try pool.container.info("exits")
                return info.state == "EXITED" ? info : nil
            }
            #expect(exited.exitStatus == 3)

            _ = try await poll(seconds: 20) { try pool.healthy(port: 9132) ? true : nil }
            let bot = try #require(pool.botPid("dies"))
            _ = try pool.container.exec(["kill", "-USR1", "\(bot)"])
            // The launcher dies of the bot's signal, so supervisord logs the same death.
            let log = try await poll(seconds: 10) { () -> String? in
                let log = pool.container.supervisordLog()
                return log.contains("exited: dies") ? log : nil
            }
            #expect(log.contains("exited: dies (terminated by SIGUSR1"), "supervisord.log: \(log)")
            #expect(try pool.container.info("dies").state == "EXITED")
        }
    }
}
