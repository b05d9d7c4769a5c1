import Foundation
import Testing

/// The real Docker daemon and images that scripts/setup provides. When one is missing a test
/// fails naming what to run; it never passes silently.
public enum DockerEnvironment {
    public static let socket = "/var/run/docker.sock"
    public static let poolImage = "botpool/pool:dev"
    /// Containers a suite makes itself carry `testLabel=<suite>`, so leftovers of a killed run
    /// are found and removed first, one suite never touching another's.
    public static let testLabel = "io.botpool.test"

    /// `requireReady(images:)`, then `removeLeftovers(label: suite)`: what every Docker suite
    /// does before each test.
    public static func prepare(suite: String, images: [String] = [poolImage],
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        try requireReady(images: images, sourceLocation: sourceLocation)
        try removeLeftovers(label: suite)
    }

    /// Records an issue naming the fix when the daemon or an image is missing.
    public static func requireReady(images: [String] = [poolImage], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ping = try Command.run("curl", ["-fsS", "--max-time", "3", "--unix-socket", socket, "http://docker/_ping"])
        guard ping.status == 0, ping.stdout == "OK" else {
            Issue.record(
                "no Docker daemon answers at unix://\(socket): run `scripts/setup` (or `make test`), which installs docker.io and starts dockerd",
                sourceLocation: sourceLocation
            )
            throw DockerTestError.notReady
        }
        for image in images where try Command.run("docker", ["image", "inspect", image]).status != 0 {
            Issue.record("image \(image) is missing: run `scripts/setup` to build it", sourceLocation: sourceLocation)
            throw DockerTestError.notReady
        }
    }

    /// Removes containers of an earlier, killed run of the suite that owns `label`.
    public static func removeLeftovers(label: String) throws {
        let list = try Command.run("docker", ["ps", "-aq", "--filter", "label=\(testLabel)=\(label)"])
        let ids = list.stdout.split(separator: "\n").map(String.init)
        if !ids.isEmpty {
            _ = try Command.run("docker", ["rm", "-f"] + ids)
        }
    }

    /// Managed pool containers whose name starts with `prefix`, running or not.
    public static func pools(prefix: String) throws -> [String] {
        let list = try Command.run("docker", ["ps", "-a", "--format", "{{.Names}}",
                                              "--filter", "label=io.botpool.managed-by=botpool", "--filter", "name=\(prefix)"])
        return list.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }.sorted()
    }

    public static func label(_ container: String, _ key: String) throws -> String {
        try Command.run("docker", ["inspect", "-f", "{{index .Config.Labels \"\(key)\"}}", container])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func removePools(prefix: String) throws {
        let names = try pools(prefix: prefix)
        if !names.isEmpty { _ = try Command.run("docker", ["rm", "-f"] + names) }
    }

    /// The pool network of a state dir (the controller makes one per state dir and keeps it):
    /// a test's state dir is new each run, so its network goes with the test. Docker's address
    /// pools hold only about 30 bridge networks.
    public static func removeNetworks(stateDir: String) throws {
        let ids = try Command.run("docker", ["network", "ls", "-q", "--filter", "label=io.botpool.state-dir=\(stateDir)"]).stdout
            .split(separator: "\n").map(String.init)
        if !ids.isEmpty { _ = try Command.run("docker", ["network", "rm"] + ids) }
    }
}

extension DockerEnvironment {
    /// Detaches every mount at or below `path` (deepest first): the slot binds of shared pools
    /// a test left behind when it stopped before botpool removed its pools. Without this a
    /// recursive delete of the test's dir would walk into the bound data dirs.
    public static func unmountAll(under path: String) {
        guard let info = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return }
        let points = info.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { return nil }
            let point = String(fields[4])
            return point == path || point.hasPrefix(path + "/") ? point : nil
        }
        for point in points.sorted(by: { $0.count > $1.count }) {
            _ = try? Command.run("umount", ["-l", point])
        }
    }
}

public enum DockerTestError: Error {
    /// The daemon, an image or the botpool executable is missing (an issue says which).
    case notReady
}
