import BotpoolClients
import BotpoolTransport
import DockerTestSupport
import Foundation

/// A pool container set up as swarm would run it, started with plain `docker run`: read-only
/// root, only the capabilities SETUID, SETGID, KILL and CHOWN, tmpfs program and run dirs,
/// `/bots` root's (a tmpfs here, a volume on swarm), the plugin and the rendered
/// `supervisord.conf` mounted read-only where the swarm config and secret go, and supervisord
/// reached over TCP on a random port of 127.0.0.1.
struct SwarmPool {
    let id: String
    let supervisor: Supervisor.Client
    let endpoint: HTTPEndpoint

    static let credentials = Supervisor.Credentials(username: "botpool", password: "swarm-test-0123")

    /// `docker exec` in the container, as `user` (a uid) or as the container's root, which
    /// has no DAC_OVERRIDE either: it cannot look into a bot's 0700 dir.
    func exec(_ command: String, as user: Int? = nil) throws -> Command.Result {
        try Command.run("docker", ["exec"] + (user.map { ["-u", "\($0)"] } ?? []) + [id, "sh", "-c", command])
    }

    /// `exec`, whose stdout is wanted: a failing command is an error.
    func output(_ command: String, as user: Int? = nil) throws -> String {
        let result = try exec(command, as: user)
        guard result.status == 0 else {
            throw EnvironmentError.command("\(command) (uid \(user.map(String.init) ?? "0")): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `body` with a started pool whose supervisord answers; removes the container and
    /// the host directory afterwards, also when `body` throws.
    static func with(suite: String, _ body: (SwarmPool) async throws -> Void) async throws {
        guard let credentials else { throw EnvironmentError.command("test credentials are not plain words") }
        let files = FileManager.default
        let dir = files.temporaryDirectory.appendingPathComponent("botpool-swarm-\(UUID().uuidString)")
        try files.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? files.removeItem(at: dir) }
        let plugin = dir.appendingPathComponent("botpool_rpc.py")
        let config = dir.appendingPathComponent("supervisord.conf")
        try Supervisor.SwarmPoolPlugin.source.write(to: plugin, atomically: true, encoding: .utf8)
        try Supervisor.SwarmPoolConfig(pool: "swarm-test", credentials: credentials).render()
            .write(to: config, atomically: true, encoding: .utf8)

        typealias Layout = Supervisor.SwarmPoolConfig
        let run = try Command.run("docker", [
            "run", "-d", "--label", "\(DockerEnvironment.testLabel)=\(suite)",
            "--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
            "--cap-add", "SETUID", "--cap-add", "SETGID", "--cap-add", "KILL", "--cap-add", "CHOWN",
            "--tmpfs", "\(Layout.programDirectory):mode=0700", "--tmpfs", "\(Supervisor.PoolConfig.runDirectory):mode=0711",
            "--tmpfs", "/tmp", "--tmpfs", "/bots:mode=0755",
            "-v", "\(plugin.path):\(Layout.pluginPath):ro", "-v", "\(config.path):\(Layout.configPath):ro",
        ] + Layout.environment.flatMap { ["-e", "\($0.key)=\($0.value)"] } + [
            "-p", "127.0.0.1::\(Layout.controlPort)",
            DockerEnvironment.poolImage, "supervisord", "-n", "-c", Layout.configPath,
        ])
        guard run.status == 0 else { throw EnvironmentError.command("docker run: \(run.stderr)") }
        let id = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? Command.run("docker", ["rm", "-f", id]) }

        let published = try Command.run("docker", ["port", id, "\(Layout.controlPort)/tcp"]).stdout
        guard let port = published.split(separator: "\n").first?.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw EnvironmentError.command("docker port \(id): \(published)")
        }
        let endpoint = HTTPEndpoint.http(host: "127.0.0.1", port: port)
        let pool = SwarmPool(id: id, supervisor: Supervisor.Client(endpoint: endpoint, timeout: .seconds(20), credentials: credentials),
                             endpoint: endpoint)
        _ = try await poll(seconds: 20) { try? await pool.supervisor.getState() == .running ? true : nil }
        try await body(pool)
    }
}
