import BotpoolManifest
import BotpoolTransport
import Foundation

/// Sends `restart` and `rollout` to a running daemon: `POST <url>/api/v1/bots/<tenant>/<name>/<kind>`.
enum BotRequestSender {
    /// The daemon's answer: 202 with the request, 404 unknown bot, 403 another tenant's bot.
    static func send(kind: String, bot: BotID, force: Bool, url: String, token: String?) async throws -> String {
        let path = "/api/v1/bots/\(bot.tenant)/\(bot.name)/\(kind)" + (force ? "?force=true" : "")
        let request = HTTPRequest(method: .post, path: path, body: Data(), timeout: .seconds(10))
        let response = try await StatusReader.send(request, url: url, token: token)
        if response.status == 404 { throw CLIError.notFound("no bot \(bot) in the manifests of the controller at \(url)") }
        guard response.isSuccess else { throw CLIError.server(url: url, status: response.status, body: response.text) }
        return response.text
    }
}
