import DockerTestSupport
import Foundation

/// `botpool run` as a real subprocess, its logs in a file under the fixture.
final class Daemon {
    let process = Process()
    let port: Int
    let token: String
    let log: String
    let tokenFile: String

    init(_ fixture: Fixture, extra: [String] = [], logName: String = "daemon.log", token: String = "e2e-\(UUID().uuidString)") throws {
        self.token = token
        port = try Daemon.freePort()
        tokenFile = fixture.root.appendingPathComponent("token").path
        try token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        // The controller refuses a token file group or others may read.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokenFile)
        log = fixture.root.appendingPathComponent(logName).path
        try Data().write(to: URL(fileURLWithPath: log))
        process.executableURL = URL(fileURLWithPath: fixture.botpool)
        process.arguments = ["run", "--listen", "127.0.0.1:\(port)", "--token-file", tokenFile] + fixture.common + extra
        let handle = FileHandle(forWritingAtPath: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var logText: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// Status code and body of a GET, with or without the token.
    func get(_ path: String, authorized: Bool = true) throws -> (status: Int, body: String) {
        var arguments = ["-sS", "--max-time", "5", "-w", "\n%{http_code}", "http://127.0.0.1:\(port)\(path)"]
        if authorized { arguments += ["-H", "Authorization: Bearer \(token)"] }
        let result = try Command.run("curl", arguments)
        guard result.status == 0, let split = result.stdout.lastIndex(of: "\n") else { return (0, result.stderr) }
        return (Int(result.stdout[result.stdout.index(after: split)...]) ?? 0, String(result.stdout[..<split]))
    }

    func status() throws -> [String: Any] {
        let response = try get("/api/v1/status")
        return (try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]) ?? [:]
    }

    func bots() throws -> [String: [String: Any]] {
        var bots: [String: [String: Any]] = [:]
        for case let bot as [String: Any] in try status()["bots"] as? [Any] ?? [] {
            if let name = bot["name"] as? String { bots[name] = bot }
        }
        return bots
    }

    /// SIGTERM, then the exit status (nil when it did not exit in `seconds`).
    func terminate(seconds: Double = 15) async throws -> Int32? {
        process.terminate()
        let exited = try? await Poll.until("daemon exit", seconds: seconds) { process.isRunning ? nil : true }
        return exited == nil ? nil : process.terminationStatus
    }

    /// A TCP port nothing listens on now.
    static func freePort() throws -> Int {
        guard let port = LoopbackPort.unused() else { throw POSIXError(.EADDRNOTAVAIL) }
        return port
    }
}
