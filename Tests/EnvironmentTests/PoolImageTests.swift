import Foundation
import Testing

/// Proves the real path the controller depends on: a container from the pool image runs
/// supervisord from a bind-mounted config, and its XML-RPC answers on the bind-mounted socket.
@Suite(.serialized) struct PoolImageTests {
    static let suiteLabel = "environment"

    @Test func supervisordInThePoolImageRunsAProgramAndAnswersOverTheMountedSocket() async throws {
        try DockerEnvironment.requireReady()
        try DockerEnvironment.removeLeftovers(label: Self.suiteLabel)

        try await withSupervisorDir { dir in
            try await withContainer(supervisorDir: dir) { _ in
                let socket = dir.appendingPathComponent("supervisor.sock").path
                let info = try await poll(seconds: 20) { () -> String? in
                    let reply = try xmlrpc(socket: socket, method: "supervisor.getAllProcessInfo")
                    return reply.contains("<string>RUNNING</string>") ? reply : nil
                }
                #expect(info.contains("<name>name</name><value><string>hello</string></value>"))
                #expect(info.contains("<string>RUNNING</string>"))
            }
        }
    }

    private func xmlrpc(socket: String, method: String) throws -> String {
        let body = "<?xml version=\"1.0\"?><methodCall><methodName>\(method)</methodName><params/></methodCall>"
        let result = try Command.run("curl", [
            "-sS", "--max-time", "3", "--unix-socket", socket,
            "-H", "Content-Type: text/xml", "--data-binary", body, "http://localhost/RPC2",
        ])
        guard result.status == 0 else { throw EnvironmentError.command(result.stderr) }
        // Compact whitespace so assertions do not depend on supervisord's formatting.
        return result.stdout.replacingOccurrences(of: "\n", with: "")
    }

    private func withSupervisorDir(_ body: (URL) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("botpool-env-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("conf.d"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        [unix_http_server]
        file=/botpool/supervisor/supervisor.sock

        [supervisord]
        nodaemon=true
        logfile=/botpool/supervisor/supervisord.log
        pidfile=/botpool/supervisor/supervisord.pid

        [rpcinterface:supervisor]
        supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

        [include]
        files = conf.d/*.conf
        """.write(to: dir.appendingPathComponent("supervisord.conf"), atomically: true, encoding: .utf8)
        try """
        [program:hello]
        command=sleep infinity
        startsecs=1
        """.write(to: dir.appendingPathComponent("conf.d/hello.conf"), atomically: true, encoding: .utf8)
        try await body(dir)
    }

    private func withContainer(supervisorDir: URL, _ body: (String) async throws -> Void) async throws {
        let run = try Command.run("docker", [
            "run", "-d", "--label", "\(DockerEnvironment.testLabel)=\(Self.suiteLabel)",
            "-v", "\(supervisorDir.path):/botpool/supervisor", DockerEnvironment.poolImage,
        ])
        guard run.status == 0 else { throw EnvironmentError.command("docker run: \(run.stderr)") }
        let id = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? Command.run("docker", ["rm", "-f", id]) }
        try await body(id)
    }
}

/// Retries `attempt` until it returns a value or `seconds` pass; then fails with the last error.
func poll<T>(seconds: Double, _ attempt: () throws -> T?) async throws -> T {
    let deadline = Date().addingTimeInterval(seconds)
    var lastError: Error?
    while Date() < deadline {
        do {
            if let value = try attempt() { return value }
        } catch {
            lastError = error
        }
        try await Task.sleep(for: .milliseconds(200))
    }
    throw EnvironmentError.command("gave up after \(seconds) s; last error: \(String(describing: lastError))")
}
