import DockerTestSupport
import Foundation

/// A pool container of a test: supervisord from `image`, run from a temporary host supervisor
/// directory holding a hand-written supervisord.conf and `conf.d/<program>.conf` files.
struct PoolContainer {
    let id: String
    /// The host directory mounted at /botpool/supervisor and /botpool/run.
    let supervisorDir: URL

    var socket: String { supervisorDir.appendingPathComponent("supervisor.sock").path }

    func rpc(_ method: String, _ params: [SupervisorRPC.Param] = []) throws -> String {
        try SupervisorRPC.call(socket: socket, method, params)
    }

    func info(_ program: String) throws -> SupervisorRPC.ProcessInfo {
        try SupervisorRPC.processInfo(socket: socket, program)
    }

    /// `docker exec` in the container.
    func exec(_ arguments: [String]) throws -> Command.Result {
        try Command.run("docker", ["exec", id] + arguments)
    }

    /// A program's stdout log (stderr is redirected into it by the programs of these tests).
    func log(_ program: String) -> String {
        let file = supervisorDir.appendingPathComponent("logs/\(program).log")
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    /// supervisord's own log: state changes and how each process ended.
    func supervisordLog() -> String {
        (try? String(contentsOf: supervisorDir.appendingPathComponent("supervisord.log"), encoding: .utf8)) ?? ""
    }

    static let baseConfig = """
        [unix_http_server]
        file=/botpool/supervisor/supervisor.sock

        [supervisord]
        nodaemon=true
        logfile=/botpool/supervisor/supervisord.log
        pidfile=/botpool/supervisor/supervisord.pid
        childlogdir=/botpool/supervisor/logs

        [rpcinterface:supervisor]
        supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

        [include]
        files = conf.d/*.conf
        """

    /// Runs `body` with a started container; removes it and the directory afterwards.
    /// `programs` maps a program name to its section; `mounts` are extra `host:container` binds.
    static func with(
        suite: String, image: String = DockerEnvironment.poolImage, programs: [String: String],
        mounts: [String] = [], _ body: (PoolContainer) async throws -> Void
    ) async throws {
        let files = FileManager.default
        let dir = files.temporaryDirectory.appendingPathComponent("botpool-env-\(UUID().uuidString)")
        try files.createDirectory(at: dir.appendingPathComponent("conf.d"), withIntermediateDirectories: true)
        try files.createDirectory(at: dir.appendingPathComponent("logs"), withIntermediateDirectories: true)
        defer { try? files.removeItem(at: dir) }
        try baseConfig.write(to: dir.appendingPathComponent("supervisord.conf"), atomically: true, encoding: .utf8)
        for (name, section) in programs {
            try section.write(to: dir.appendingPathComponent("conf.d/\(name).conf"), atomically: true, encoding: .utf8)
        }
        let run = try Command.run("docker", [
            "run", "-d", "--label", "\(DockerEnvironment.testLabel)=\(suite)",
            // One host dir for both: these tests write programs and read sockets, logs and
            // zygote.json in one place (botpool itself mounts config read-only, run apart).
            "-v", "\(dir.path):/botpool/supervisor", "-v", "\(dir.path):/botpool/run",
        ] + mounts.flatMap { ["-v", $0] } + [image])
        guard run.status == 0 else { throw EnvironmentError.command("docker run: \(run.stderr)") }
        let id = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? Command.run("docker", ["rm", "-f", id]) }
        try await body(PoolContainer(id: id, supervisorDir: dir))
    }
}
