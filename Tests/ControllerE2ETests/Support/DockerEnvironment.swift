import Foundation
import Testing

/// The real Docker daemon and pool image that scripts/setup provides.
enum DockerEnvironment {
    static let socket = "/var/run/docker.sock"
    static let poolImage = "botpool/pool:dev"

    /// Records an issue naming the fix when the daemon or the image is missing.
    static func requireReady(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ping = try Command.run("curl", ["-fsS", "--max-time", "3", "--unix-socket", socket, "http://docker/_ping"])
        guard ping.status == 0, ping.stdout == "OK" else {
            Issue.record(
                "no Docker daemon answers at unix://\(socket): run `scripts/setup` (or `make test`), which installs docker.io and starts dockerd",
                sourceLocation: sourceLocation)
            throw E2EError.notReady
        }
        guard try Command.run("docker", ["image", "inspect", poolImage]).status == 0 else {
            Issue.record("image \(poolImage) is missing: run `scripts/setup` to build it", sourceLocation: sourceLocation)
            throw E2EError.notReady
        }
    }

    /// Managed pool containers whose name starts with `prefix`, running or not.
    static func pools(prefix: String) throws -> [String] {
        let list = try Command.run("docker", ["ps", "-a", "--format", "{{.Names}}",
                                              "--filter", "label=io.botpool.managed-by=botpool", "--filter", "name=\(prefix)"])
        return list.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }.sorted()
    }

    static func label(_ container: String, _ key: String) throws -> String {
        try Command.run("docker", ["inspect", "-f", "{{index .Config.Labels \"\(key)\"}}", container])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func removePools(prefix: String) throws {
        let names = try pools(prefix: prefix)
        if !names.isEmpty { _ = try Command.run("docker", ["rm", "-f"] + names) }
    }
}
