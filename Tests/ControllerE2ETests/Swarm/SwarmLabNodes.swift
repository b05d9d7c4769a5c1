import DockerTestSupport
import Foundation
import Testing

/// The 3-node lab of `scripts/swarm-lab`, driven off the cooperative pool (each step takes
/// seconds to tens of seconds under load).
enum SwarmLabNodes {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/swarm-lab").path
    static let managerSocket = "/run/botpool-lab/node1.sock"

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// Holds the lab (`SwarmLabLock`), makes it with `nodes` nodes, runs `body`, and takes the lab
    /// down again, also when `body` fails.
    static func with(nodes: Int, _ body: () async throws -> Void) async throws {
        try DockerEnvironment.requireReady()
        try await SwarmLabLock.withLab {
            try await lab(["down"])
            do {
                try await lab(["up", "\(nodes)"])
                try await body()
            } catch {
                _ = try? await lab(["down"])
                throw error
            }
            try await lab(["down"])
        }
    }

    @discardableResult
    static func lab(_ arguments: [String]) async throws -> String {
        try await offPool {
            let run = try Command.run(script, arguments)
            guard run.status == 0 else {
                throw Failed(description: "swarm-lab \(arguments.joined(separator: " ")) exited \(run.status):\n\(run.stdout)\(run.stderr)")
            }
            return run.stdout
        }
    }

    /// `docker` against one node's own daemon (exec and kill are node-local).
    @discardableResult
    static func docker(_ node: String, _ arguments: [String]) async throws -> String {
        try await offPool {
            let run = try Command.run("docker", ["-H", "unix:///run/botpool-lab/\(node).sock"] + arguments)
            guard run.status == 0 else { throw Failed(description: "docker \(arguments.joined(separator: " ")) on \(node): \(run.stderr)") }
            return run.stdout
        }
    }

    /// Kills a node's dockerd as a crash would; `lab up` brings it back.
    static func killDaemon(_ node: String) throws {
        let pidfile = "/run/botpool-lab/\(node).pid"
        guard let pid = Int32(try String(contentsOfFile: pidfile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)),
              kill(pid, SIGKILL) == 0
        else { throw Failed(description: "could not kill the dockerd of \(node) named in \(pidfile)") }
    }

    /// The body of a GET, or nil when nothing answers.
    static func get(_ url: String) async -> String? {
        try? await offPool {
            let reply = try Command.run("curl", ["-fsS", "--max-time", "3", url])
            return reply.status == 0 ? reply.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
        }
    }

    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}
