import BotpoolClients
import BotpoolTransport
import Foundation
import Testing

/// Each failure is a clear value or error. Connection failures must be told apart from
/// timeouts: the error itself says which (a wall-clock bound could not, on a loaded machine).
@Suite struct FailurePathTests {
    @Test func missingDockerSocket() async throws {
        let transport = try CurlTransport(endpoint: "unix:///tmp/botpool-missing/docker.sock")
        let error = await #expect(throws: DockerEngine.Error.self) { try await DockerEngine.Client.connect(transport: transport) }
        #expect(error?.description == "cannot connect to the Docker daemon at unix:///tmp/botpool-missing/docker.sock: no such file — is dockerd running? (scripts/setup starts one)")
    }

    @Test func missingSupervisorSocket() async throws {
        let supervisor = Supervisor.Client(socketPath: "/tmp/botpool-missing/supervisor.sock")
        let error = await #expect(throws: Supervisor.Error.self) { try await supervisor.getAllProcessInfo() }
        #expect(error?.description == "supervisord socket /tmp/botpool-missing/supervisor.sock not found — is the pool container running?")
    }

    @Test func probeOfAClosedPort() async throws {
        let port = try ListeningSocket.closedPort()
        let result = await Probe().http(address: "127.0.0.1", port: port, path: "/healthz", timeout: .seconds(10))
        #expect(!result.success)
        #expect(result.status == nil)
        #expect(result.error == "cannot connect to http://127.0.0.1:\(port): connection refused")
    }

    @Test func probeOfAServerThatNeverAnswers() async throws {
        let listener = try ListeningSocket()
        let result = await Probe().http(address: "127.0.0.1", port: listener.port, path: "/api/v1/ping", timeout: .milliseconds(500))
        #expect(!result.success)
        #expect(result.error == "http://127.0.0.1:\(listener.port): timed out after 0.5 s")
        // curl's own timer ended it (the message says so); it cannot end before the timeout.
        #expect(result.latency >= .milliseconds(450))
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

    /// A bot answering its probe with an endless body costs the controller 10 KiB, and its
    /// status still decides (a 300 MB body took the controller from 50 MB to 357 MB RSS).
    @Test func aProbeReadsAtMostTenKiBOfTheAnswer() async throws {
        let flood = try DelayingHTTPServer(status: 200, bodyBytes: 300 << 20)
        let result = await Probe().http(address: "127.0.0.1", port: flood.port, path: "/", timeout: .seconds(30))
        #expect(result.success && result.status == 200, "\(result)")
    }

    @Test func aTransferStopsAtItsLimitAndSaysSo() async throws {
        let flood = try DelayingHTTPServer(status: 200, bodyBytes: 1 << 20)
        let transport = try CurlTransport(endpoint: "http://127.0.0.1:\(flood.port)")
        let cut = try await transport.send(HTTPRequest(path: "/", maxResponseBytes: 1000))
        #expect(cut.truncated && cut.body.count == 1000 && cut.status == 200)
        let whole = try await transport.send(HTTPRequest(path: "/", maxResponseBytes: 2 << 20))
        #expect(!whole.truncated && whole.body.count == 1 << 20)
    }
}
