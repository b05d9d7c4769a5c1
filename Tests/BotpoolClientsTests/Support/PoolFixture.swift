import BotpoolClients
import Foundation
import Testing

/// A running pool container: config dir (read-only), run dir and bots dir bind-mounted from
/// temporary host directories, `ports` published on 127.0.0.1, supervisord answering on the host socket.
struct PoolFixture {
    let docker: DockerEngine.Client
    let name: String
    let root: ConfinedRoot
    let botsDirectory: String
    let supervisor: Supervisor.Client

    /// Creates the pool, runs `body`, then removes the container and the directories (in that
    /// order, also when `body` throws).
    static func with(
        suite: String, name: String, ports: ClosedRange<Int>, _ body: (PoolFixture) async throws -> Void
    ) async throws {
        let docker = try await DockerFixture.client()
        try await DockerFixture.removeLeftovers(docker, suite: suite)
        try await DockerFixture.withTemporaryDirectory { root in
            let botsDirectory = root + "/bots"
            let confined = ConfinedRoot(root)
            try Supervisor.PoolConfig(pool: name).prepare(beneath: confined, config: "config", run: "run")
            try AtomicFile.makeDirectories(botsDirectory)
            let spec = DockerEngine.ContainerSpec(
                name: name, image: DockerFixture.image,
                labels: [DockerFixture.testLabel: suite, "io.botpool.managed-by": "botpool-test", "io.botpool.pool": name],
                binds: [.init(hostPath: root + "/config", containerPath: Supervisor.PoolConfig.containerDirectory, readOnly: true),
                        .init(hostPath: root + "/run", containerPath: Supervisor.PoolConfig.runDirectory),
                        .init(hostPath: botsDirectory, containerPath: "/bots")],
                ports: .init(hostIP: "127.0.0.1", ports: ports), memoryBytes: 512 << 20, nanoCPUs: 1_000_000_000)
            guard case .created = try await docker.createContainer(spec) else {
                Issue.record("pool \(name) exists although leftovers were removed")
                return
            }
            let fixture = PoolFixture(
                docker: docker, name: name, root: confined, botsDirectory: botsDirectory,
                supervisor: Supervisor.Client(socketPath: Supervisor.PoolConfig.socketPath(runDirectory: root + "/run")))
            do {
                #expect(try await docker.startContainer(name) == .done)
                try await DockerFixture.eventually("supervisord in \(name)") {
                    (try? await fixture.supervisor.getState()) == .running
                }
                try await body(fixture)
            } catch {
                _ = try? await docker.removeContainer(name)
                throw error
            }
            _ = try await docker.removeContainer(name)
        }
    }

    /// Writes the bot's program file and data dir, reloads, and adds its group.
    func place(_ program: Supervisor.BotProgram) async throws {
        try AtomicFile.makeDirectories(botsDirectory + "/" + program.name)
        try Supervisor.ProgramWriter.write(program, beneath: root, config: "config")
        let reload = try await supervisor.reloadConfig()
        #expect(reload.added.contains(program.name) || reload.changed.contains(program.name))
        #expect(try await supervisor.addProcessGroup(program.name) == .done)
    }

    func state(of bot: String) async throws -> Supervisor.ProcessState? {
        try await supervisor.getAllProcessInfo().first { $0.name == bot }?.state
    }

    func waitFor(_ bot: String, _ state: Supervisor.ProcessState, timeout: Duration = .seconds(10)) async throws {
        try await DockerFixture.eventually(timeout: timeout, "\(bot) \(state)") { try await self.state(of: bot) == state }
    }
}
