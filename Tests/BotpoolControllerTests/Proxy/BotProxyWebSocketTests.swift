@testable import BotpoolController
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWebSocket
import HummingbirdWSClient
import Logging
import Synchronization
import Testing

/// FreqTrade's websocket (`/api/v1/message/ws?token=…`) through the status server: a real
/// websocket server on loopback stands in for the bot, the status server runs as `botpool run`
/// serves it (`StatusServer.application`).
@Suite struct BotProxyWebSocketTests {
    let store = StatusStore()
    let logger = Logger(label: "test")

    /// Answers each text message with what it saw of the handshake: FreqTrade's `token` query
    /// and whether botpool's token reached it.
    func upstream() -> some ApplicationProtocol {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("api/v1/message/ws") { inbound, outbound, context in
            let token = context.request.uri.queryParameters["token"].map(String.init) ?? "-"
            let botpool = context.request.headers[HTTPField.Name("X-Botpool-Token")!] ?? "-"
            for try await message in inbound.messages(maxSize: 1 << 16) {
                guard case .text(let text) = message else { continue }
                try await outbound.write(.text("\(text) token=\(token) botpool=\(botpool)"))
            }
        }
        return Application(router: Router(), server: .http1WebSocketUpgrade(webSocketRouter: router),
                           configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    func statusServer() -> some ApplicationProtocol {
        StatusServer(host: "127.0.0.1", port: 0, token: "op", tenantTokens: ["alice": "al1ce", "bob": "b0b"], store: store,
                     metrics: ControllerMetrics()).application(logger: logger)
    }

    /// Sends `hello` through the proxy and returns the first reply.
    func exchange(port: Int, token: String?) async throws -> String? {
        var headers = HTTPFields()
        if let token { headers[HTTPField.Name("X-Botpool-Token")!] = token }
        let reply = Mutex<String?>(nil)
        try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/bots/alice/a1/api/v1/message/ws?token=ft-ws", configuration: .init(additionalHeaders: headers),
            logger: logger
        ) { inbound, outbound, _ in
            try await outbound.write(.text("hello"))
            for try await message in inbound.messages(maxSize: 1 << 16) {
                if case .text(let text) = message { reply.withLock { $0 = text } }
                break
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
        return reply.withLock { $0 }
    }

    @Test func theOwnTenantsWebsocketReachesTheBotWithoutBotpoolsToken() async throws {
        try await upstream().test(.live) { bot in
            let botPort = try #require(bot.port)
            await store.publish(StatusSnapshot(generatedAt: Date(), bots: [
                BotView(name: "a1", tenant: "alice", pool: "p", port: botPort, phase: "Running")]), hosts: ["p": "127.0.0.1"])
            try await statusServer().test(.live) { status in
                let port = try #require(status.port)
                #expect(try await exchange(port: port, token: "al1ce") == "hello token=ft-ws botpool=-")
                #expect(try await exchange(port: port, token: "op") == "hello token=ft-ws botpool=-")
                await #expect(throws: (any Error).self) { try await exchange(port: port, token: "b0b") }
                await #expect(throws: (any Error).self) { try await exchange(port: port, token: nil) }
                // A refused upgrade fails the handshake (above); the same request without Upgrade
                // gets the proxy's reason.
                #expect(try await status.execute(uri: "/bots/alice/a1/api/v1/message/ws", method: .get).status == .unauthorized)
            }
        }
    }
}
