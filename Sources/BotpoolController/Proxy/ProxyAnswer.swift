import Foundation
import HTTPTypes
import Hummingbird

/// What the proxy answers itself, as JSON: `{"error": …}`, plus `phase` and `reason` for a bot
/// that is not up. Every such answer carries `X-Botpool-Proxy: refused`, so a script can tell the
/// proxy's 502 from the bot's own (FreqTrade answers its errors with 502 too).
struct ProxyAnswer: Encodable {
    var error: String
    var phase: String?
    var reason: String?

    static let marker = HTTPField.Name("X-Botpool-Proxy")!

    func response(_ status: HTTPResponse.Status, headers extra: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data(#"{"error":"unencodable"}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json", Self.marker: "refused"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
    }

    static func unauthorized() -> Response {
        ProxyAnswer(error: "unauthorized: send header X-Botpool-Token: <token> or cookie botpool_token (Authorization is passed to the bot)")
            .response(.unauthorized)
    }

    static func forbidden(tenant: String, name: String) -> Response {
        ProxyAnswer(error: "forbidden: bot \(tenant)/\(name) belongs to another tenant").response(.forbidden)
    }

    static func notFound(tenant: String, name: String) -> Response {
        ProxyAnswer(error: "no bot \(tenant)/\(name)").response(.notFound)
    }

    static func notUp(tenant: String, name: String, route: BotRoute) -> Response {
        let why = BotRoute.forwardedPhases.contains(route.phase) ? "has no address yet" : "is \(route.phase)"
        return ProxyAnswer(error: "bot \(tenant)/\(name) \(why)", phase: route.phase, reason: route.reason)
            .response(.serviceUnavailable, headers: [.retryAfter: "5"])
    }

    static func busy(limit: Int) -> Response {
        ProxyAnswer(error: "too many requests: \(limit) proxied requests of this token are in flight")
            .response(.tooManyRequests, headers: [.retryAfter: "1"])
    }

    static func badPath() -> Response {
        ProxyAnswer(error: "bad request: the path must be printable ASCII").response(.badRequest)
    }
}
