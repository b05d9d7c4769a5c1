import Hummingbird

/// `/bots/<tenant>/<name>/<rest…>` of the status server: the request goes to `<rest…>` on the
/// bot's port, at the address the health probes use, so FreqUI and scripts reach every bot by
/// name through one origin. Who may: the operator's token any bot, a tenant's token its own
/// tenant's bots (401 without a token, 403 for another tenant's bot, whether it exists or not).
/// A bot that is not up answers 503 with its phase at once; past `ProxyLimits.maxInflight`
/// requests of one token in flight, 429.
public struct BotProxy: Sendable {
    let store: StatusStore
    let tokens: StatusTokens
    let limits: ProxyLimits
    let inflight: InflightLimit
    /// Websockets relayed now, per bucket (`BotProxy+WebSocket`).
    let sockets: InflightLimit

    public init(store: StatusStore, tokens: StatusTokens, limits: ProxyLimits = ProxyLimits()) {
        self.store = store
        self.tokens = tokens
        self.limits = limits
        inflight = InflightLimit(limit: limits.maxInflight)
        sockets = InflightLimit(limit: limits.maxWebSockets)
    }

    /// Every method a FreqTrade API or UI uses, on the bot's root and everything below it.
    static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    func register(on router: Router<StatusRequestContext>) {
        for path in ["bots/:tenant/:name", "bots/:tenant/:name/**"] {
            for method in Self.methods {
                router.on(RouterPath(path), method: method) { request, context in
                    try await respond(to: request, context: context)
                }
            }
        }
    }

    func respond(to request: Request, context: StatusRequestContext) async throws -> Response {
        let admission: Admission
        switch await admit(request, parameters: context.parameters) {
        case .refused(let answer): return answer
        case .login(let answer): return answer
        case .admitted(let admitted): admission = admitted
        }
        let response = try await inflight.run(admission.access) {
            try await forward(request, to: admission.upstream, target: admission.target)
        }
        context.logger.debug("proxied", metadata: [
            "bot": "\(admission.bot)", "method": "\(request.method)", "status": "\(response?.status.code ?? 429)"])
        return response ?? ProxyAnswer.busy(limit: inflight.limit)
    }

    /// A request the proxy lets through: whose token it carries, the bot and where it listens.
    struct Admission {
        var access: StatusAccess
        var bot: String
        var upstream: (host: String, port: Int)
        var target: ProxyTarget
    }

    enum Decision {
        case admitted(Admission)
        /// The proxy's own answer: 400, 401, 403, 404, 503.
        case refused(Response)
        /// `?botpool_token=`: the cookie, or why not.
        case login(Response)
    }

    /// Who asks, for which bot, and whether that bot is up; the same for HTTP and websockets.
    func admit(_ request: Request, parameters: Parameters) async -> Decision {
        guard let tenant = parameters.get("tenant"), let name = parameters.get("name"),
              let target = ProxyTarget(path: request.uri.path, query: request.uri.query, tenant: tenant, name: name)
        else { return .refused(ProxyAnswer.badPath()) }
        if let token = target.loginToken, request.method == .get {
            return .login(login(token: token, target: target, tenant: tenant, name: name))
        }
        guard let given = ProxyCredential.token(in: request), let access = tokens.access(token: given) else {
            return .refused(ProxyAnswer.unauthorized())
        }
        guard access.covers(tenant: tenant) else { return .refused(ProxyAnswer.forbidden(tenant: tenant, name: name)) }
        if await store.leadership?.role == .follower {
            return .refused(ProxyAnswer(error: "follower: another controller leads; ask the leader").response(.serviceUnavailable))
        }
        guard let route = await store.route(tenant: tenant, name: name) else {
            return .refused(ProxyAnswer.notFound(tenant: tenant, name: name))
        }
        guard let upstream = route.upstream else { return .refused(ProxyAnswer.notUp(tenant: tenant, name: name, route: route)) }
        return .admitted(Admission(access: access, bot: BotRoute.key(tenant: tenant, name: name), upstream: upstream, target: target))
    }
}
