import BotpoolClients
import DockerTestSupport
import Foundation
import Testing

/// An etcd of the test's own: loopback ports the kernel picked, a data dir under /tmp, killed
/// and removed when the body ends, failed or not. Never the packaged service.
struct EtcdServer {
    let url: String
    let process: Process

    var client: Etcd.Client {
        get throws { try Etcd.Client(url: url, timeout: .seconds(2)) }
    }

    static func with(_ body: (EtcdServer) async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard let binary = ["/usr/bin/etcd", "/usr/local/bin/etcd"].first(where: FileManager.default.isExecutableFile) else {
            Issue.record("etcd not found: run scripts/setup (it installs etcd-server)", sourceLocation: sourceLocation)
            return
        }
        let dir = URL(fileURLWithPath: "/tmp/bp-etcd-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let client = try Daemon.freePort()
        let peer = try Daemon.freePort()
        let url = "http://127.0.0.1:\(client)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--name", "test", "--data-dir", dir.appendingPathComponent("data").path,
            "--listen-client-urls", url, "--advertise-client-urls", url,
            "--listen-peer-urls", "http://127.0.0.1:\(peer)", "--initial-advertise-peer-urls", "http://127.0.0.1:\(peer)",
            "--initial-cluster", "test=http://127.0.0.1:\(peer)",
        ]
        let log = dir.appendingPathComponent("etcd.log")
        try process.run(loggingTo: log)
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: dir)
        }
        let server = EtcdServer(url: url, process: process)
        do {
            try await Poll.until("etcd at \(url) to answer", seconds: 20) {
                // Any answer will do: a missing key is an answer.
                do {
                    _ = try await server.client.get("/ping")
                    return true
                } catch {
                    return nil
                }
            }
        } catch {
            Issue.record("etcd did not start: \((try? String(contentsOf: log, encoding: .utf8))?.suffix(2000) ?? "")",
                         sourceLocation: sourceLocation)
            throw error
        }
        try await body(server)
    }
}
