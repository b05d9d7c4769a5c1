import BotpoolClients
import BotpoolManifest
import Foundation
import Testing

/// The whole life of a pool against the real daemon, image and supervisord.
@Suite(.serialized) struct PoolLifecycleTests {
    static let suite = "clients-lifecycle"
    static let ports = 19300...19309

    static func httpBot(_ name: String, port: Int, extra: [String] = []) -> Supervisor.BotProgram {
        let argv = ["python3", "-m", "http.server", String(port), "--bind", "0.0.0.0"] + extra
        let fingerprint = SpecFingerprint(components: ["command": UInt32(truncatingIfNeeded: StableHash.of(argv.joined(separator: " ")))]).encoded
        return Supervisor.BotProgram(
            name: name, argv: argv, env: ["BOTPOOL_PORT": String(port), "BOTPOOL_BOT": name],
            directory: "/bots/\(name)", fingerprint: fingerprint, stopWaitSeconds: 5)
    }

    @Test func poolRunsControlsAndReportsItsBots() async throws {
        try await PoolFixture.with(suite: Self.suite, name: "botpool-test-lifecycle-0", ports: Self.ports) { pool in
            let bots = ["bot-a", "bot-b", "bot-c"]
            for (slot, bot) in bots.enumerated() {
                try await pool.place(Self.httpBot(bot, port: Self.ports.lowerBound + slot))
            }
            for bot in bots { try await pool.waitFor(bot, .running) }

            let probe = Probe()
            for slot in bots.indices {
                let port = Self.ports.lowerBound + slot
                try await DockerFixture.eventually("probe of port \(port)") {
                    await probe.http(address: "127.0.0.1", port: port, path: "/").success
                }
            }

            #expect(try await pool.supervisor.signalProcess("bot-b", signal: "KILL") == .done)
            try await pool.waitFor("bot-b", .exited)
            let killed = try #require(try await pool.supervisor.getAllProcessInfo().first { $0.name == "bot-b" })
            #expect(killed.exitStatus != 0 || killed.description.contains("signal"))
            #expect(await !probe.http(address: "127.0.0.1", port: Self.ports.lowerBound + 1, timeout: .seconds(2)).success)

            // Change bot-c: new file, reload reports it changed, replace the group.
            let changed = Self.httpBot("bot-c", port: Self.ports.lowerBound + 2, extra: ["--directory", "/tmp"])
            try Supervisor.ProgramWriter.write(changed, beneath: pool.root, config: "config")
            #expect(try await pool.supervisor.reloadConfig().changed == ["bot-c"])
            #expect(try await pool.supervisor.stopProcess("bot-c") == .done)
            #expect(try await pool.supervisor.removeProcessGroup("bot-c") == .done)
            #expect(try await pool.supervisor.addProcessGroup("bot-c") == .done)
            try await pool.waitFor("bot-c", .running)
            let configs = try await pool.supervisor.getAllConfigInfo()
            let config = try #require(configs.first { $0.name == "bot-c" })
            #expect(config.inUse)
            #expect(config.program?.argv == changed.argv)
            #expect(config.program?.fingerprintText == changed.fingerprint)
            #expect(config.program?.env["BOTPOOL_PORT"] == String(Self.ports.lowerBound + 2))
            #expect(configs.first { $0.name == "bot-a" }?.program?.fingerprintText == Self.httpBot("bot-a", port: Self.ports.lowerBound).fingerprint)

            // Remove bot-a: stop, remove the group, delete its file.
            let stillRunning = await #expect(throws: Supervisor.Error.self) {
                try await pool.supervisor.removeProcessGroup("bot-a")
            }
            #expect(stillRunning?.faultCode == .stillRunning)
            #expect(try await pool.supervisor.stopProcess("bot-a") == .done)
            #expect(try await pool.supervisor.removeProcessGroup("bot-a") == .done)
            Supervisor.ProgramWriter.remove("bot-a", beneath: pool.root, config: "config")
            #expect(try await pool.supervisor.reloadConfig() == .init(added: [], changed: [], removed: []))
            #expect(try await pool.supervisor.getAllProcessInfo().map(\.name).sorted() == ["bot-b", "bot-c"])
            #expect(try await pool.supervisor.removeProcessGroup("bot-a") == .absent)

            let listed = try await pool.docker.listContainers(labels: [DockerFixture.testLabel: Self.suite])
            #expect(listed.map(\.name) == [pool.name])
            #expect(listed.first?.labels["io.botpool.pool"] == pool.name)
            let details = try #require(try await pool.docker.inspectContainer(pool.name).value)
            #expect(details.state.running)
            #expect(details.memoryBytes == 512 << 20)

            let logs = try #require(try await pool.docker.containerLogs(pool.name, tail: 50).value)
            #expect(logs.contains { $0.text.contains("supervisord started") })

            #expect(try await pool.docker.removeContainer(pool.name) == .done)
            #expect(try await pool.docker.removeContainer(pool.name) == .absent)
            #expect(try await pool.docker.inspectContainer(pool.name) == .absent)
        }
    }

    @Test func secondCreateOfAPoolIsANameConflict() async throws {
        try await PoolFixture.with(suite: Self.suite, name: "botpool-test-lifecycle-1", ports: 19310...19310) { pool in
            let again = try await pool.docker.createContainer(.init(name: pool.name, image: DockerFixture.image))
            guard case .nameConflict(let message) = again else {
                Issue.record("expected a name conflict, got \(again)")
                return
            }
            #expect(message.contains("already in use"))
            #expect(try await pool.docker.startContainer(pool.name) == .alreadyDone)
            #expect(try await pool.docker.stopContainer(pool.name, timeout: .seconds(2)) == .done)
            #expect(try await pool.docker.stopContainer(pool.name, timeout: .seconds(2)) == .alreadyDone)
            #expect(try await pool.docker.killContainer(pool.name) == .alreadyDone)
        }
    }
}
