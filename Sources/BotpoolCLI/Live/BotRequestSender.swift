import BotpoolManifest
import BotpoolTransport
import Foundation

/// Sends `restart` and `rollout` to a running daemon: `POST <url>/api/v1/bots/<tenant>/<name>/<kind>`.
enum BotRequestSender {
    /// The daemon's answer: 202 with the request, 404 unknown bot, 403 another tenant's bot.
    static func send(kind: String, bot: BotID, force: Bool, url: String, token: String?) async throws -> String {
        let transport: CurlTransport
        do {
            transport = try CurlTransport(endpoint: url)
        } catch {
            throw CLIError.unreachable(url: url, detail: "\(error)")
        }
        var headers: [String: String] = [:]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        let path = "/api/v1/bots/\(bot.tenant)/\(bot.name)/\(kind)" + (force ? "?force=true" : "")
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: .post, path: path, headers: headers, body: Data(),
                                                            timeout: .seconds(10)))
        } catch {
            throw CLIError.unreachable(url: url, detail: "\(error)")
        }
        if response.status == 404 { throw CLIError.notFound("no bot \(bot) in the manifests of the controller at \(url)") }
        guard response.isSuccess else { throw CLIError.server(url: url, status: response.status, body: response.text) }
        return response.text
    }
}
