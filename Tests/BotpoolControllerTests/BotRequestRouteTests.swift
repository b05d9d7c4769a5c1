@testable import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// `POST /api/v1/bots/{tenant}/{name}/restart|rollout`: who may ask, and what reaches the controller.
@Suite struct BotRequestRouteTests {
    final class Asked: Sendable {
        let list = Mutex<[String]>([])
    }

    let asked = Asked()

    func app() -> some ApplicationProtocol {
        var server = StatusServer(host: "127.0.0.1", port: 0, token: "op", tenantTokens: ["alice": "al1ce", "bob": "b0b"],
                                  store: StatusStore(), metrics: ControllerMetrics())
        let asked = asked
        server.requests = { kind, bot, force in
            guard bot.name != "ghost" else { throw ControllerError.unknownBot(bot) }
            asked.list.withLock { $0.append("\(kind.rawValue) \(bot) force=\(force)") }
            return OperatorRequest(kind: kind, force: force, at: 42)
        }
        return Application(router: server.router())
    }

    func post(_ client: some TestClientProtocol, _ uri: String, token: String?) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: token.map { [.authorization: "Bearer \($0)"] } ?? [:])
    }

    @Test func theOperatorAndTheBotsTenantMayAskOthersMayNot() async throws {
        try await app().test(.router) { client in
            let forced = try await post(client, "/api/v1/bots/alice/a1/restart?force=true", token: "op")
            #expect(forced.status == .accepted)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: forced.body)) as? [String: Any]
            #expect(body?["bot"] as? String == "alice/a1")
            #expect((body?["request"] as? [String: Any])?["force"] as? Bool == true)
            #expect(try await post(client, "/api/v1/bots/alice/a1/rollout", token: "al1ce").status == .accepted)
            #expect(try await post(client, "/api/v1/bots/alice/a1/restart", token: "b0b").status == .forbidden)
            #expect(try await post(client, "/api/v1/bots/alice/a1/restart", token: nil).status == .unauthorized)
            #expect(try await post(client, "/api/v1/bots/alice/ghost/restart", token: "op").status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/bots/alice/a1/restart", method: .get,
                                             headers: [.authorization: "Bearer op"]).status != .accepted)
        }
        #expect(asked.list.withLock { $0 } == ["restart alice/a1 force=true", "rollout alice/a1 force=false"])
    }
}
