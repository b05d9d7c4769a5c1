import Foundation
import Hummingbird
import Logging

/// `/healthz` (open), `/readyz`, `/metrics`, `/api/v1/status` (bearer token) for `botpool run`.
public struct StatusServer: Sendable {
    public var host: String
    public var port: Int
    /// nil: every endpoint but `/healthz` answers 401, since no token can match.
    public var token: String?
    public var store: StatusStore
    public var metrics: ControllerMetrics
    /// Measures pool memory for each `/metrics` scrape and status request; nil: not measured.
    public var memory: PoolMemorySampler?

    public init(host: String, port: Int, token: String?, store: StatusStore, metrics: ControllerMetrics,
                memory: PoolMemorySampler? = nil) {
        self.host = host
        self.port = port
        self.token = token
        self.store = store
        self.metrics = metrics
        self.memory = memory
    }

    /// The Hummingbird application; it is a `Service` for the daemon's `ServiceGroup`.
    public func application(logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "botpool"),
            logger: logger
        )
    }

    /// As many as `describe` may want for any one bot or pool.
    static let servedEvents = 500

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let store = store
        let metrics = metrics
        let memory = memory
        router.get("healthz") { _, _ in "ok\n" }
        let protected = router.group().add(middleware: BearerTokenMiddleware(token: token))
        protected.get("readyz") { _, _ -> Response in
            await store.isReady
                ? Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
                : Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "no pass completed yet\n")))
        }
        protected.get("metrics") { _, _ -> Response in
            if let memory {
                let snapshot = await store.snapshot ?? StatusSnapshot(generatedAt: Date())
                metrics.setPoolMemory(await memory.sample(pools: snapshot.runningPools), pools: snapshot.pools)
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.render()))
            )
        }
        protected.get("api/v1/status") { _, _ -> Response in
            var snapshot = await store.snapshot ?? StatusSnapshot(generatedAt: Date())
            snapshot.events = await store.events(limit: Self.servedEvents)
            if let memory { await snapshot.measureMemory(with: memory) }
            return try Self.json(snapshot)
        }
        return router
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

/// Answers 401 unless the request carries `Authorization: Bearer <token>`.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token, let header = request.headers[.authorization], Self.matches(header, token: token) else {
            return Response(
                status: .unauthorized,
                headers: [.wwwAuthenticate: "Bearer realm=\"botpool\""],
                body: .init(byteBuffer: ByteBuffer(string: "unauthorized: send Authorization: Bearer <token from --token-file>\n"))
            )
        }
        return try await next(request, context)
    }

    /// The scheme in any case (RFC 9110: schemes are case-insensitive), one space, then the
    /// token, compared in constant time so the answer's timing does not leak it.
    static func matches(_ header: String, token: String) -> Bool {
        let scheme = "bearer "
        guard header.utf8.count > scheme.utf8.count, header.prefix(scheme.count).lowercased() == scheme else { return false }
        let expected = Array(token.utf8)
        let given = Array(header.utf8.dropFirst(scheme.utf8.count))
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0
    }
}
