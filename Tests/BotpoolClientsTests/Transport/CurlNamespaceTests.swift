import BotpoolTransport
import Foundation
import Testing

/// Connections opened inside another network namespace (how the swarm backend reaches pools
/// on their overlays). The namespace is one this test makes, with a server on its own loopback
/// that the host's network cannot reach.
@Suite(.serialized) struct CurlNamespaceTests {
    @Test func reachesAServerOnlyInsideTheNamespace() async throws {
        try await ScratchNamespace.with { namespace in
            let inside = CurlTransport(endpoint: .http(host: "127.0.0.1", port: namespace.port), networkNamespace: namespace.path)
            let response = try await inside.send(HTTPRequest(path: "/", timeout: .seconds(5)))
            #expect(response.status == 200)
            #expect(response.text.contains("inside"))
            let outside = CurlTransport(endpoint: .http(host: "127.0.0.1", port: namespace.port))
            await #expect(throws: TransportError.self) {
                _ = try await outside.send(HTTPRequest(path: "/", timeout: .seconds(2)))
            }
        }
    }

    /// setns moves one thread: every thread must be back home after its socket is made, or a
    /// later request on it would go to the wrong network.
    @Test func threadsGoBackToTheirOwnNetwork() async throws {
        let host = try DelayingHTTPServer()
        try await ScratchNamespace.with { namespace in
            let inside = CurlTransport(endpoint: .http(host: "127.0.0.1", port: namespace.port), networkNamespace: namespace.path)
            let outside = try CurlTransport(endpoint: "http://127.0.0.1:\(host.port)")
            let answers = try await withThrowingTaskGroup(of: (Bool, Int).self) { group in
                for index in 0..<60 {
                    let transport = index.isMultiple(of: 2) ? inside : outside
                    group.addTask { (transport.networkNamespace != nil, try await transport.send(HTTPRequest(path: "/", timeout: .seconds(10))).status) }
                }
                return try await group.reduce(into: [(Bool, Int)]()) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 }.map(\.1) == Array(repeating: 200, count: 30))
            #expect(answers.filter { !$0.0 }.map(\.1) == Array(repeating: 200, count: 30))
        }
    }

    @Test func aMissingNamespaceIsAnErrorThatNamesIt() async throws {
        let transport = CurlTransport(endpoint: .http(host: "127.0.0.1", port: 9), networkNamespace: "/run/botpool-no-such-netns")
        do {
            _ = try await transport.send(HTTPRequest(path: "/", timeout: .seconds(2)))
            Issue.record("expected an error")
        } catch let error as TransportError {
            #expect(error.description.contains("/run/botpool-no-such-netns"), "\(error)")
        }
    }
}

/// `ip netns add` with loopback up and a python HTTP server on 127.0.0.1 inside; removed after.
struct ScratchNamespace {
    let name: String
    let port = 18_471
    var path: String { "/var/run/netns/\(name)" }

    static func with(_ body: (ScratchNamespace) async throws -> Void) async throws {
        let namespace = ScratchNamespace(name: "bp-curl-\(getpid())-\(UInt16.random(in: 0...UInt16.max))")
        try run("/usr/sbin/ip", ["netns", "add", namespace.name])
        defer { try? run("/usr/sbin/ip", ["netns", "delete", namespace.name]) }
        try run("/usr/sbin/ip", ["-n", namespace.name, "link", "set", "lo", "up"])
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/nsenter")
        server.arguments = ["--net=\(namespace.path)", "python3", "-c", """
            import http.server
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200); self.send_header("Content-Length", "6"); self.end_headers(); self.wfile.write(b"inside")
                def log_message(self, *a): pass
            http.server.ThreadingHTTPServer(("127.0.0.1", \(namespace.port)), H).serve_forever()
            """]
        try server.run()
        defer {
            // KILL: a child of a test thread starts with SIGTERM blocked.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        let probe = CurlTransport(endpoint: .http(host: "127.0.0.1", port: namespace.port), networkNamespace: namespace.path)
        for _ in 0..<200 {
            if (try? await probe.send(HTTPRequest(path: "/", timeout: .seconds(1)))) != nil { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await body(namespace)
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(tool) \(arguments.joined(separator: " ")) failed"])
        }
    }
}
