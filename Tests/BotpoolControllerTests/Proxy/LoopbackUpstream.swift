import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A real HTTP server on loopback standing in for a bot's port: `/api/v1/ping` as FreqTrade
/// answers it, `/echo/…` repeats what it received (so a test sees what the proxy forwarded),
/// `/slow` holds each request until the test opens `gate`, `/big` and `/hang` misbehave.
struct LoopbackUpstream {
    let gate = UpstreamGate()

    /// Runs `body` with the port the server listens on.
    func run(_ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let app = Application(router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            guard let port = client.port else { throw UpstreamGate.Failure.noPort }
            try await body(port)
        }
    }

    struct Echo: Codable {
        var method: String
        var target: String
        var authorization: String?
        var botpoolToken: String?
        var cookie: String?
        var forwardedPrefix: String?
        var body: String
    }

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        let gate = gate
        router.get("api/v1/ping") { _, _ in Response(status: .ok, headers: [.contentType: "application/json"],
                                                      body: .init(byteBuffer: ByteBuffer(string: #"{"status":"pong"}"#))) }
        for method in [HTTPRequest.Method.get, .post, .delete] {
            router.on("echo/**", method: method) { request, _ -> Response in
                let body = try await request.body.collect(upTo: 1 << 20)
                let echo = Echo(method: request.method.rawValue, target: request.uri.description,
                                authorization: request.headers[.authorization],
                                botpoolToken: request.headers[HTTPField.Name("X-Botpool-Token")!],
                                cookie: request.headers[.cookie],
                                forwardedPrefix: request.headers[HTTPField.Name("X-Forwarded-Prefix")!],
                                body: String(buffer: body))
                return Response(status: .created, headers: [.contentType: "application/json", HTTPField.Name("X-Upstream")!: "yes",
                                                            .setCookie: "planted=1; Path=/bots/bob/b1/"],
                                body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(echo))))
            }
        }
        router.get("slow") { _, _ -> String in
            await gate.arriveAndWait()
            return "done"
        }
        router.get("big") { _, _ in String(repeating: "x", count: 2 << 20) }
        router.get("hang") { _, _ -> String in
            try await Task.sleep(for: .seconds(4))
            return "late"
        }
        return router
    }
}

/// Holds `/slow` requests until opened, counting those that arrived.
actor UpstreamGate {
    enum Failure: Error { case noPort, timedOut(String) }

    private(set) var arrivals = 0
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func arriveAndWait() async {
        arrivals += 1
        guard !isOpen else { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        for continuation in waiting { continuation.resume() }
        waiting = []
    }

    /// Waits (bounded: a loaded machine is slow, not this slow) until `count` requests arrived.
    func waitForArrivals(_ count: Int) async throws {
        for _ in 0..<3000 {
            if arrivals >= count { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw Failure.timedOut("\(arrivals) of \(count) requests reached the upstream in 30 s")
    }
}
