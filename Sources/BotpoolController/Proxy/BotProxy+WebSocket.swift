import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import HummingbirdWSClient
import Logging

extension BotProxy {
    /// Websocket upgrades below `/bots/<tenant>/<name>/` (FreqTrade's `/api/v1/message/ws`):
    /// admitted as HTTP requests are. One the proxy refuses is not upgraded, so its handshake
    /// fails (the same request without `Upgrade` shows the proxy's reason: 401, 403, 404 or 503).
    /// Each token holds at most
    /// `ProxyLimits.maxWebSockets` relays open, counted apart from HTTP requests: FreqUI keeps
    /// one open per bot for as long as it shows it.
    func webSocketRouter() -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("bots/:tenant/:name/**") { request, context in
            guard case .admitted = await admit(request, parameters: context.parameters) else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard case .admitted(let admission) = await admit(context.request, parameters: context.requestContext.parameters) else {
                try await outbound.close(.policyViolation, reason: "refused")
                return
            }
            let relayed: Void? = try await sockets.run(admission.access) {
                try await relay(inbound, outbound, to: admission, request: context.request, logger: context.logger)
            }
            if relayed == nil { try await outbound.close(.policyViolation, reason: "too many websockets for this token") }
        }
        return router
    }

    private func relay(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, to admission: Admission,
                       request: Request, logger: Logger) async throws {
        let host = admission.upstream.host.contains(":") ? "[\(admission.upstream.host)]" : admission.upstream.host
        let url = "ws://\(host):\(admission.upstream.port)\(admission.target.pathAndQuery)"
        let limit = limits.maxWebSocketMessageBytes
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: limit, additionalHeaders: ProxyHeaders.upstreamWebSocket(request.headers, prefix: admission.target.prefix))
        do {
            try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { botInbound, botOutbound, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await Self.pipe(inbound, to: botOutbound, maxSize: limit) }
                    group.addTask { try await Self.pipe(botInbound, to: outbound, maxSize: limit) }
                    try await group.next()
                    group.cancelAll()
                }
            }
        } catch {
            logger.debug("websocket to bot failed", metadata: ["bot": "\(admission.bot)", "error": "\(error)"])
            try await outbound.close(.unexpectedServerError, reason: "bot unreachable")
        }
        try? await outbound.close(.normalClosure, reason: nil)
    }

    /// Every message of `inbound`, each at most `maxSize` bytes, written to `outbound`; then
    /// `outbound` closes too.
    private static func pipe(_ inbound: WebSocketInboundStream, to outbound: WebSocketOutboundWriter, maxSize: Int) async throws {
        for try await message in inbound.messages(maxSize: maxSize) {
            switch message {
            case .text(let text): try await outbound.write(.text(text))
            case .binary(let data): try await outbound.write(.binary(data))
            }
        }
        try await outbound.close(.normalClosure, reason: nil)
    }
}
