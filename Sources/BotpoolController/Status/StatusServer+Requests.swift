import BotpoolManifest
import BotpoolPlanner
import Foundation
import Hummingbird

/// Records an operator's request for a bot and starts a pass; throws `ControllerError.unknownBot`.
public typealias BotRequestHandler = @Sendable (OperatorRequest.Kind, BotID, _ force: Bool) async throws -> OperatorRequest

extension StatusServer {
    /// `POST /api/v1/bots/{tenant}/{name}/restart[?force=true]` and `.../rollout`: the operator's
    /// token for any bot, a tenant's for its own. 202 with the request; the pass that acts on it
    /// starts at once, and the bot's status shows what it waits for.
    func addRequestRoutes(to protected: RouterGroup<StatusRequestContext>, handler: @escaping BotRequestHandler) {
        for kind in [OperatorRequest.Kind.restart, .rollout] {
            protected.post("api/v1/bots/:tenant/:name/\(kind.rawValue)") { request, context -> Response in
                let tenant = try context.parameters.require("tenant")
                let name = try context.parameters.require("name")
                guard context.access?.covers(tenant: tenant) == true else {
                    return BearerTokenMiddleware.forbidden("bot \(tenant)/\(name) belongs to another tenant")
                }
                let force = request.uri.queryParameters.get("force").map { $0 == "true" || $0 == "1" } ?? false
                do {
                    let made = try await handler(kind, BotID(tenant: tenant, name: name), force)
                    var response = try Self.json(Accepted(bot: "\(tenant)/\(name)", request: made))
                    response.status = .accepted
                    return response
                } catch ControllerError.unknownBot {
                    return Response(status: .notFound, body: .init(byteBuffer: ByteBuffer(string: "no bot \(tenant)/\(name)\n")))
                }
            }
        }
    }

    private struct Accepted: Encodable {
        var bot: String
        var request: OperatorRequest
    }
}
