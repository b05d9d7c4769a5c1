import DockerTestSupport
import Foundation
import Testing

/// A Prometheus of the test's own (Debian's `prometheus` package, from scripts/setup): a
/// loopback port the kernel picked, a config and data dir under /tmp, stopped and removed when
/// the body ends, failed or not. Never the packaged service.
struct PrometheusServer {
    let url: String

    /// Scrapes `target` (`host:port`) every second as job `botpool`, with the bearer token in
    /// `tokenFile`, and evaluates `ruleFiles` every second.
    static func with(scraping target: String, tokenFile: String, ruleFiles: [String],
                     _ body: (PrometheusServer) async throws -> Void,
                     sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let binary = try tool("prometheus", sourceLocation: sourceLocation)
        let dir = URL(fileURLWithPath: "/tmp/bp-prom-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = dir.appendingPathComponent("prometheus.yml")
        try """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: [\(ruleFiles.map { "\"\($0)\"" }.joined(separator: ", "))]
            scrape_configs:
              - job_name: botpool
                authorization: {type: Bearer, credentials_file: "\(tokenFile)"}
                static_configs: [{targets: ["\(target)"]}]

            """.write(to: config, atomically: true, encoding: .utf8)
        let port = try Daemon.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--config.file=\(config.path)", "--storage.tsdb.path=\(dir.appendingPathComponent("data").path)",
                             "--web.listen-address=127.0.0.1:\(port)"]
        let log = dir.appendingPathComponent("prometheus.log")
        try process.run(loggingTo: log)
        defer {
            if process.isRunning { process.terminate() }
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(100_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: dir)
        }
        let server = PrometheusServer(url: "http://127.0.0.1:\(port)")
        do {
            try await Poll.until("prometheus at \(server.url) to be ready", seconds: 30) {
                try Command.run("curl", ["-fsS", "--max-time", "2", server.url + "/-/ready"]).status == 0 ? true : nil
            }
        } catch {
            Issue.record("prometheus did not start: \((try? String(contentsOf: log, encoding: .utf8))?.suffix(2000) ?? "")",
                         sourceLocation: sourceLocation)
            throw error
        }
        try await body(server)
    }

    /// A program of the `prometheus` package; a missing one fails the test (scripts/setup installs it).
    static func tool(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        if let path = ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first(where: FileManager.default.isExecutableFile) {
            return path
        }
        Issue.record("\(name) not found: run scripts/setup (it installs Debian's prometheus package)", sourceLocation: sourceLocation)
        throw DockerTestError.notReady
    }

    /// `GET /api/v1/query`: the instant vector's series (each a `metric` and a `value`).
    func query(_ expression: String) throws -> [[String: Any]] {
        let data = try get("/api/v1/query", ["query": expression])
        guard let result = data["result"] as? [[String: Any]] else {
            throw Failure(description: "query \(expression): no vector in the answer: \(data)")
        }
        return result
    }

    /// `data` of a `GET` on the HTTP API; throws with Prometheus's error when it is not a success.
    func get(_ path: String, _ parameters: [String: String] = [:]) throws -> [String: Any] {
        var arguments = ["-sS", "--max-time", "10", "-G", url + path]
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) { arguments += ["--data-urlencode", "\(name)=\(value)"] }
        let result = try Command.run("curl", arguments)
        let answer = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        guard result.status == 0, let answer, answer["status"] as? String == "success", let data = answer["data"] as? [String: Any] else {
            throw Failure(description: "GET \(path) \(parameters): \(result.stdout)\(result.stderr)")
        }
        return data
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
