import BotpoolClients
import BotpoolTransport
import DockerTestSupport
import Foundation
import Testing

/// The real daemon (`DOCKER_HOST` or the local socket) and the `botpool/pool:dev` image. When
/// either is missing the test fails with what to run; it never passes silently.
enum DockerFixture {
    static let image = "botpool/pool:dev"
    /// Containers made by these tests carry `testLabel=<suite>`, so leftovers of a killed run are
    /// found and removed first, one suite never touching another's.
    static let testLabel = "io.botpool.test"

    static func client() async throws -> DockerEngine.Client {
        let host = ProcessInfo.processInfo.environment["DOCKER_HOST"] ?? "unix:///var/run/docker.sock"
        let docker: DockerEngine.Client
        do {
            docker = try await DockerEngine.Client.connect(transport: try CurlTransport(endpoint: host), timeout: .seconds(60))
        } catch {
            Issue.record("these tests need a Docker daemon: \(error). Run scripts/setup to install and start one.")
            throw error
        }
        guard case .found = try await docker.inspectImage(image) else {
            Issue.record("image \(image) is missing. Run scripts/setup to build it.")
            throw DockerEngine.Error.api(operation: "inspect image", status: 404, message: "\(image) missing")
        }
        return docker
    }

    /// Removes every container labelled for `suite`.
    static func removeLeftovers(_ docker: DockerEngine.Client, suite: String) async throws {
        for container in try await docker.listContainers(labels: [testLabel: suite]) {
            _ = try await docker.removeContainer(container.id)
        }
    }

    /// A fresh temporary directory, removed by `body`'s end.
    static func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
        let path = FileManager.default.temporaryDirectory.path + "/botpool-test-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }

    /// Polls `condition` every 100 ms until it holds or `timeout` passes.
    static func eventually(
        timeout: Duration = .seconds(10), _ what: String, _ condition: () async throws -> Bool
    ) async throws {
        let limit = timeout * Patience.factor
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out after \(limit) waiting for \(what)")
        throw CancellationError()
    }
}
