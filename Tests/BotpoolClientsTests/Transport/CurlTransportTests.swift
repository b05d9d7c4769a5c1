import BotpoolTransport
import Foundation
import Testing

@Suite struct CurlTransportTests {
    @Test func missingUnixSocketIsNoSuchFile() async throws {
        let transport = try CurlTransport(endpoint: "unix:///tmp/botpool-no-such-dir/docker.sock")
        // The error, not a timeout (which would be `.timedOut`), is the proof it did not wait.
        await #expect(throws: TransportError.cannotConnect(endpoint: "unix:///tmp/botpool-no-such-dir/docker.sock", reason: .noSuchFile)) {
            _ = try await transport.send(HTTPRequest(path: "/_ping", timeout: .seconds(10)))
        }
    }

    @Test func closedPortIsRefused() async throws {
        let port = try ListeningSocket.closedPort()
        let transport = try CurlTransport(endpoint: "http://127.0.0.1:\(port)")
        await #expect(throws: TransportError.cannotConnect(endpoint: "http://127.0.0.1:\(port)", reason: .refused)) {
            _ = try await transport.send(HTTPRequest(path: "/", timeout: .seconds(2)))
        }
    }

    @Test func silentServerTimesOutInBoundedTime() async throws {
        let listener = try ListeningSocket()
        let transport = try CurlTransport(endpoint: "http://127.0.0.1:\(listener.port)")
        do {
            _ = try await transport.send(HTTPRequest(path: "/", timeout: .milliseconds(300)))
            Issue.record("expected a timeout")
        } catch let error as TransportError {
            #expect(error.description == "http://127.0.0.1:\(listener.port): timed out after 0.3 s")
        }
    }

    @Test func getsStatusHeadersAndBody() async throws {
        let server = try DelayingHTTPServer(status: 418)
        let transport = try CurlTransport(endpoint: "http://127.0.0.1:\(server.port)")
        let response = try await transport.send(HTTPRequest(method: .post, path: "/x", body: Data("{}".utf8)))
        #expect(response.status == 418)
        #expect(response.header("content-length") == "2")
        #expect(response.text == "ok")
    }

    @Test func hundredSlowRequestsDoNotSerialise() async throws {
        let server = try DelayingHTTPServer(delay: .milliseconds(100))
        let transport = try CurlTransport(endpoint: "http://127.0.0.1:\(server.port)")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<100 {
                group.addTask { try await transport.send(HTTPRequest(path: "/", timeout: .seconds(10))).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 100))
        // Serialised this takes 10 s, two at a time on the cooperative pool 5 s. Wall time on a
        // loaded machine cannot tell those apart reliably; the server's peak of requests held
        // at once can: on the cooperative pool it would be 2.
        #expect(server.peakConcurrency >= 50, "at most \(server.peakConcurrency) requests were in flight at once")
    }
}
