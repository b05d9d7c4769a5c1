import Foundation
import Testing

/// The real Docker daemon and pool image that scripts/setup provides.
enum DockerEnvironment {
    static let socket = "/var/run/docker.sock"
    static let poolImage = "botpool/pool:dev"
    static let testLabel = "io.botpool.test"

    /// Records an issue naming the fix when the daemon or the image is missing.
    static func requireReady(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ping = try Command.run("curl", ["-fsS", "--max-time", "3", "--unix-socket", socket, "http://docker/_ping"])
        guard ping.status == 0, ping.stdout == "OK" else {
            Issue.record(
                "no Docker daemon answers at unix://\(socket): run `scripts/setup` (or `make test`), which installs docker.io and starts dockerd",
                sourceLocation: sourceLocation
            )
            throw EnvironmentError.notReady
        }
        let image = try Command.run("docker", ["image", "inspect", poolImage])
        guard image.status == 0 else {
            Issue.record("image \(poolImage) is missing: run `scripts/setup` to build it", sourceLocation: sourceLocation)
            throw EnvironmentError.notReady
        }
    }

    /// Removes containers of an earlier, killed run of the suite that owns `label`.
    static func removeLeftovers(label: String) throws {
        let list = try Command.run("docker", ["ps", "-aq", "--filter", "label=\(testLabel)=\(label)"])
        let ids = list.stdout.split(separator: "\n").map(String.init)
        if !ids.isEmpty {
            _ = try Command.run("docker", ["rm", "-f"] + ids)
        }
    }
}

enum EnvironmentError: Error {
    case notReady
    case command(String)
}
