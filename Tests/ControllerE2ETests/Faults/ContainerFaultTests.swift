import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Faults of processes and containers under a running daemon (issue 11's black-box run):
    /// each heals with every bot back on its port and its data, and nothing but what was hit
    /// restarted.
    @Suite struct ContainerFaults {
        @Test func killedBotsSupervisordAndPoolsHealAndTouchNothingElse() async throws {
            try await Fleet.with(class: "fault1", basePort: 21000) { fleet in
                // kill -9 of three bots in a row, in pools of both tenants.
                var before = try await fleet.snapshot()
                let pids = try await fleet.fixture.pids()
                for bot in ["a0", "a5", "b3"] {
                    let pool = try await fleet.pool(of: bot)
                    let pid = try #require(pids[bot])
                    #expect(try Command.run("docker", ["exec", pool, "kill", "-9", "\(pid)"]).status == 0)
                }
                try await fleet.expectHealed(after: "kill -9 of bots", from: before, hit: ["a0", "a5", "b3"])

                // supervisord killed from the host: it is the container's init, so the container
                // exits and the pool is replaced in place.
                before = try await fleet.snapshot()
                var pool = try await fleet.pool(of: "a1")
                var hit = try await fleet.bots(in: pool)
                let initPid = try Command.run("docker", ["inspect", "-f", "{{.State.Pid}}", pool]).stdout
                let supervisord = try #require(Int32(initPid.trimmingCharacters(in: .whitespacesAndNewlines)))
                #expect(kill(supervisord, SIGKILL) == 0)
                try await fleet.expectHealed(after: "supervisord killed", from: before, hit: hit, replaced: [pool])

                // docker kill.
                before = try await fleet.snapshot()
                pool = try await fleet.pool(of: "b1")
                hit = try await fleet.bots(in: pool)
                #expect(try Command.run("docker", ["kill", pool]).status == 0)
                try await fleet.expectHealed(after: "docker kill", from: before, hit: hit, replaced: [pool])

                // docker rm -f: the next pass may meet the removal still in progress (409); it
                // waits for it instead of failing into a 10 s retry.
                before = try await fleet.snapshot()
                pool = try await fleet.pool(of: "a2")
                hit = try await fleet.bots(in: pool)
                #expect(try Command.run("docker", ["rm", "-f", pool]).status == 0)
                try await fleet.expectHealed(after: "docker rm -f", from: before, hit: hit, replaced: [pool])
                let log = fleet.daemon.logText
                #expect(!log.contains("already in progress"), "a removal in progress failed an action:\n\(fleet.daemon.logTail)")
            }
        }

        /// A port of the pool is held by someone else when it restarts (docker-proxy: "bind:
        /// address already in use", which a TIME_WAIT socket also gives): the start is retried
        /// until the port is free, not failed into the action retry's back-off.
        @Test func aPoolWhosePortIsBrieflyHeldComesBackOnTheSamePorts() async throws {
            try await Fleet.with(class: "fault2", basePort: 21040, daemonArguments: ["--log-level", "debug"]) { fleet in
                let before = try await fleet.snapshot()
                let pool = try await fleet.pool(of: "a0")
                let hit = try await fleet.bots(in: pool)
                let port = try #require(fleet.ports["a0"])
                // The controller is paused so that the port is taken before its next pass.
                let controller = fleet.daemon.process.processIdentifier
                kill(controller, SIGSTOP)
                var resumed = false
                defer { if !resumed { kill(controller, SIGCONT) } }
                #expect(try Command.run("docker", ["kill", pool]).status == 0)
                let flag = fleet.fixture.root.appendingPathComponent("bound").path
                let holder = try PortHolder(port: port, seconds: 4, flag: flag)
                do {
                    try await Poll.until("port \(port) to be held", seconds: 20) {
                        FileManager.default.fileExists(atPath: flag) ? true : nil
                    }
                } catch {
                    let listeners = try Command.run("ss", ["-ltnp"]).stdout.split(separator: "\n").filter { $0.contains(":\(port) ") }
                    let state = try Command.run("docker", ["ps", "-a", "--filter", "name=\(pool)", "--format", "{{.State}} {{.Status}}"]).stdout
                    Issue.record("port \(port) was never free: \(listeners); pool \(pool): \(state)")
                    throw error
                }
                kill(controller, SIGCONT)
                resumed = true
                try await fleet.expectHealed(after: "pool restarted while its port was held", from: before, hit: hit,
                                             replaced: [pool])
                holder.stop()
                let log = fleet.daemon.logText
                #expect(log.contains("ports still held; retrying start"), "the port was not in the way:\n\(fleet.daemon.logTail)")
                #expect(!log.contains("replacePool failed") && !log.contains("createPool failed"),
                        "the held port failed the pool's start:\n\(fleet.daemon.logTail)")
            }
        }
    }
}

/// A process that listens on 127.0.0.1:`port` as soon as it is free, touches `flag`, and holds
/// the port for `seconds`.
final class PortHolder {
    let process = Process()

    init(port: Int, seconds: Double, flag: String) throws {
        let script = """
            import socket, sys, time
            deadline = time.time() + 20
            while True:
                s = socket.socket()
                # As docker-proxy does: the probes' TIME_WAIT sockets on this port do not block it.
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    s.bind(("127.0.0.1", \(port)))
                    s.listen()
                    break
                except OSError:
                    s.close()
                    if time.time() > deadline:
                        sys.exit(1)
                    time.sleep(0.02)
            open("\(flag)", "w").close()
            time.sleep(\(seconds))
            """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script]
        try process.run()
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit {
        stop()
    }
}
