import Foundation
import Testing

/// The real Docker daemon and pool image that scripts/setup provides.
enum DockerEnvironment {
    static let socket = "/var/run/docker.sock"
    static let poolImage = "botpool/pool:dev"
    static let testLabel = "io.botpool.test"

    /// `requireReady(images:)`, then `removeLeftovers(label: suite)`: what every Docker suite
    /// does before each test.
    static func prepare(suite: String, images: [String] = [poolImage], sourceLocation: SourceLocation = #_sourceLocation) throws {
        try requireReady(images: images, sourceLocation: sourceLocation)
        try removeLeftovers(label: suite)
    }

    /// Records an issue naming the fix when the daemon or an image is missing.
    static func requireReady(images: [String] = [poolImage], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ping = try Command.run("curl", ["-fsS", "--max-time", "3", "--unix-socket", socket, "http://docker/_ping"])
        guard ping.status == 0, ping.stdout == "OK" else {
            Issue.record(
                "no Docker daemon answers at unix://\(socket): run `scripts/setup` (or `make test`), which installs docker.io and starts dockerd",
                sourceLocation: sourceLocation
            )
            throw EnvironmentError.notReady
        }
        for image in images where try Command.run("docker", ["image", "inspect", image]).status != 0 {
            Issue.record("image \(image) is missing: run `scripts/setup` to build it", sourceLocation: sourceLocation)
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
