import BotpoolClients
import BotpoolTransport
import Foundation
import Testing

/// Each failure is a clear value or error, within a bounded time. Connection failures must come
/// back long before their (10 s) timeout; the bounds leave room for a test process whose other
/// suites keep both cores busy.
@Suite struct FailurePathTests {
    private func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try await body()
        return (value, clock.now - start)
    }

    @Test func missingDockerSocket() async throws {
        let transport = try CurlTransport(endpoint: "unix:///tmp/botpool-missing/docker.sock")
        let (error, elapsed) = await timed {
            await #expect(throws: DockerEngine.Error.self) { try await DockerEngine.Client.connect(transport: transport) }
        }
        #expect(error?.description == "cannot connect to the Docker daemon at unix:///tmp/botpool-missing/docker.sock: no such file — is dockerd running? (scripts/setup starts one)")
        #expect(elapsed < .seconds(5))
    }

    @Test func missingSupervisorSocket() async throws {
        let supervisor = Supervisor.Client(socketPath: "/tmp/botpool-missing/supervisor.sock")
        let (error, elapsed) = await timed {
            await #expect(throws: Supervisor.Error.self) { try await supervisor.getAllProcessInfo() }
        }
        #expect(error?.description == "supervisord socket /tmp/botpool-missing/supervisor.sock not found — is the pool container running?")
        #expect(elapsed < .seconds(5))
    }

    @Test func probeOfAClosedPort() async throws {
        let port = try ListeningSocket.closedPort()
        let result = await Probe().http(address: "127.0.0.1", port: port, path: "/healthz", timeout: .seconds(10))
        #expect(!result.success)
        #expect(result.status == nil)
        #expect(result.error == "cannot connect to http://127.0.0.1:\(port): connection refused")
        #expect(result.latency < .seconds(5))
    }

    @Test func probeOfAServerThatNeverAnswers() async throws {
        let listener = try ListeningSocket()
        let result = await Probe().http(address: "127.0.0.1", port: listener.port, path: "/api/v1/ping", timeout: .milliseconds(500))
        #expect(!result.success)
        #expect(result.error == "http://127.0.0.1:\(listener.port): timed out after 0.5 s")
        #expect(result.latency >= .milliseconds(450) && result.latency < .seconds(5))
        #expect(result.target == "http://127.0.0.1:\(listener.port)/api/v1/ping")
    }

    @Test func probeStatusDecidesSuccess() async throws {
        let ok = try DelayingHTTPServer(status: 302)
        let broken = try DelayingHTTPServer(status: 503)
        let probe = Probe()
        let good = await probe.http(address: "127.0.0.1", port: ok.port, path: "/")
        #expect(good.success && good.status == 302 && good.error == nil)
        let bad = await probe.http(address: "127.0.0.1", port: broken.port, path: "/")
        #expect(!bad.success && bad.status == 503 && bad.error == "HTTP 503")
    }
}
