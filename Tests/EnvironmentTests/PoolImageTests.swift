import DockerTestSupport
import Foundation
import Testing

/// Proves the real path the controller depends on: a container from the pool image runs
/// supervisord from a bind-mounted config, and its XML-RPC answers on the bind-mounted socket.
@Suite(.serialized) struct PoolImageTests {
    static let suiteLabel = "environment"

    @Test func supervisordInThePoolImageRunsAProgramAndAnswersOverTheMountedSocket() async throws {
        try DockerEnvironment.prepare(suite: Self.suiteLabel)

        let hello = """
            [program:hello]
            command=sleep infinity
            startsecs=1
            """
        try await PoolContainer.with(suite: Self.suiteLabel, programs: ["hello": hello]) { pool in
            let info = try await poll(seconds: 20) { () -> String? in
                let reply = try pool.rpc("supervisor.getAllProcessInfo")
                return reply.contains("<string>RUNNING</string>") ? reply : nil
            }
            #expect(info.contains("<name>name</name><value><string>hello</string></value>"))
            #expect(info.contains("<string>RUNNING</string>"))
        }
    }
}

/// Retries `attempt` until it returns a value or `seconds` pass; then fails with the last error.
func poll<T>(seconds: Double, _ attempt: () async throws -> T?) async throws -> T {
    let limit = Patience.seconds(seconds)
    let deadline = Date().addingTimeInterval(limit)
    var lastError: Error?
    while Date() < deadline {
        do {
            if let value = try await attempt() { return value }
        } catch {
            lastError = error
        }
        try await Task.sleep(for: .milliseconds(200))
    }
    throw EnvironmentError.command("gave up after \(limit) s; last error: \(String(describing: lastError))")
}
