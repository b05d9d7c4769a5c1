import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging

/// `/healthz` (open), `/readyz`, `/metrics`, `/api/v1/status`, `/api/v1/bots/...` (bearer token)
/// for `botpool run`, and the bot proxy `/bots/<tenant>/<name>/…` (`BotProxy`).
public struct StatusServer: Sendable {
    public var host: String
    public var port: Int
    /// The operator's token (nil: none) and each tenant's; with neither, every endpoint but
    /// `/healthz` answers 401.
    public var tokens: StatusTokens
    public var store: StatusStore
    public var metrics: ControllerMetrics
    /// Measures pool memory for each `/metrics` scrape and status request; nil: not measured.
    public var memory: PoolMemorySampler?
    /// `restart` and `rollout` requests; nil: those routes are not served.
    public var requests: BotRequestHandler?
    /// `POST /api/v1/reconcile`: a pass now; nil: the route is not served.
    public var reconcile: ReconcileHandler?
    /// The daemon's passes, for the status's `reconcile` field.
    public var ledger: PassLedger?
    /// The bot proxy's bounds, among them `--tenant-max-inflight`.
    public var proxyLimits: ProxyLimits

    public init(host: String, port: Int, token: String?, tenantTokens: [String: String] = [:],
                store: StatusStore, metrics: ControllerMetrics, memory: PoolMemorySampler? = nil,
                proxyLimits: ProxyLimits = ProxyLimits()) {
        self.host = host
        self.port = port
        self.tokens = StatusTokens(operatorToken: token, tenantTokens: tenantTokens)
        self.store = store
        self.metrics = metrics
        self.memory = memory
        self.proxyLimits = proxyLimits
    }

    /// The Hummingbird application; it is a `Service` for the daemon's `ServiceGroup`.
    /// Websocket upgrades below `/bots/` go to the bot proxy's websocket router; every other
    /// request, and an upgrade the proxy refuses, to `router()`.
    public func application(logger: Logger) -> some ApplicationProtocol {
        let proxy = BotProxy(store: store, tokens: tokens, limits: proxyLimits)
        return Application(
            router: router(proxy: proxy),
            server: .http1WebSocketUpgrade(webSocketRouter: proxy.webSocketRouter()),
            configuration: .init(address: .hostname(host, port: port), serverName: "botpool"),
            logger: logger
        )
    }

    /// As many as `describe` may want for any one bot or pool.
    static let servedEvents = 500

    /// Per endpoint, what a tenant's token gets: `/readyz` as the operator (it names nothing);
    /// `/api/v1/status` filtered to its own tenant (`StatusSnapshot.visible(to:)`);
    /// `/api/v1/bots/{tenant}/{name}` only for its own tenant, 403 otherwise whether the bot
    /// exists or not; `/metrics` 403 (controller-wide, labelled with every tenant's names).
    public func router() -> Router<StatusRequestContext> {
        router(proxy: BotProxy(store: store, tokens: tokens, limits: proxyLimits))
    }

    func router(proxy: BotProxy) -> Router<StatusRequestContext> {
        let router = Router(context: StatusRequestContext.self)
        let store = store
        let metrics = metrics
        let memory = memory
        router.get("healthz") { _, _ in "ok\n" }
        let protected = router.group().add(middleware: BearerTokenMiddleware(tokens: tokens))
        protected.get("readyz") { _, _ -> Response in
            // A follower is alive but serves no status; /api/v1/status names the leader.
            if await store.leadership?.role == .follower {
                return Response(status: .serviceUnavailable,
                                body: .init(byteBuffer: ByteBuffer(string: "follower: another controller leads\n")))
            }
            return await store.isReady
                ? Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
                : Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "no pass completed yet\n")))
        }
        protected.get("metrics") { _, context -> Response in
            guard context.access == .everything else {
                return BearerTokenMiddleware.forbidden("/metrics is controller-wide; it needs the operator's token")
            }
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
        let ledger = ledger
        protected.get("api/v1/status") { _, context -> Response in
            var snapshot = await Self.snapshot(store: store, memory: memory)
            snapshot.reconcile = await ledger?.requested
            if case .tenant(let tenant) = context.access { snapshot = snapshot.visible(to: tenant) }
            return try StatusJSON(snapshot).response
        }
        protected.get("api/v1/bots/:tenant/:name") { _, context -> Response in
            let tenant = try context.parameters.require("tenant")
            let name = try context.parameters.require("name")
            guard context.access?.covers(tenant: tenant) == true else {
                return BearerTokenMiddleware.forbidden("bot \(tenant)/\(name) belongs to another tenant")
            }
            let snapshot = (await store.snapshot ?? StatusSnapshot(generatedAt: Date())).visible(to: tenant)
            guard let bot = snapshot.bots.first(where: { $0.name == name }) else {
                return Response(status: .notFound, body: .init(byteBuffer: ByteBuffer(string: "no bot \(tenant)/\(name)\n")))
            }
            return try Self.json(bot)
        }
        if let requests { addRequestRoutes(to: protected, handler: requests) }
        if let reconcile { addReconcileRoute(to: protected, handler: reconcile) }
        // Beside the bearer-token group: a proxied request's Authorization header is the bot's.
        proxy.register(on: router)
        return router
    }

    /// The last pass's snapshot with recent events and, when a sampler is set, pool memory.
    static func snapshot(store: StatusStore, memory: PoolMemorySampler?) async -> StatusSnapshot {
        var snapshot = await store.snapshot ?? StatusSnapshot(generatedAt: Date())
        snapshot.events = await store.events(limit: servedEvents)
        if let view = await store.leadership {
            snapshot.role = view.role
            snapshot.leader = view.leader
        }
        if let memory { await snapshot.measureMemory(with: memory) }
        return snapshot
    }

    static func json(_ value: some Encodable) throws -> Response {
        let data = try StatusJSON.encoder().encode(value)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
