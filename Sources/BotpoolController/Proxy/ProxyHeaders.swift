import Foundation
import BotpoolTransport
import HTTPTypes
import Hummingbird

/// Which headers cross the proxy. Hop-by-hop headers (RFC 9110 §7.6.1, and any a `Connection`
/// header names) stay on their own connection; botpool's credential never reaches the bot; a
/// bot's `Set-Cookie` never reaches the browser, because every bot shares the status server's
/// origin and a cookie one bot set could shadow another's path.
enum ProxyHeaders {
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade",
    ]

    /// Headers the transport sets itself from the request it makes.
    static let transportOwned: Set<String> = ["host", "content-length", "expect"]

    /// The client's headers as the bot gets them: `Authorization` untouched, botpool's token and
    /// cookie removed, `X-Forwarded-Prefix` naming where the bot is mounted.
    static func upstream(_ fields: HTTPFields, prefix: String) -> [String: String] {
        let dropped = hopByHop.union(transportOwned).union(connectionNamed(fields))
            .union([ProxyCredential.header.canonicalName, "x-forwarded-prefix"])
        var headers: [String: String] = [:]
        for field in fields where !dropped.contains(field.name.canonicalName) {
            let name = field.name.canonicalName
            if name == "cookie" {
                guard let kept = ProxyCredential.cookieLineWithoutToken(field.value) else { continue }
                headers[name] = headers[name].map { $0 + "; " + kept } ?? kept
            } else {
                headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
            }
        }
        headers["x-forwarded-prefix"] = prefix
        return headers
    }

    /// The headers of a websocket handshake that the bot gets: as `upstream`, less the ones the
    /// websocket client makes itself for its own handshake (`Sec-WebSocket-*`) and `Origin`.
    static func upstreamWebSocket(_ fields: HTTPFields, prefix: String) -> HTTPFields {
        var forwarded = HTTPFields()
        for (name, value) in upstream(fields, prefix: prefix).sorted(by: { $0.key < $1.key }) {
            guard !name.hasPrefix("sec-websocket-"), name != "origin", let fieldName = HTTPField.Name(name) else { continue }
            forwarded.append(HTTPField(name: fieldName, value: value))
        }
        return forwarded
    }

    /// The bot's response headers as the client gets them: at most `limit`, none the proxy or
    /// Hummingbird owns, none whose name is not a valid field name.
    static func downstream(_ response: BotpoolTransport.HTTPResponse, limit: Int) -> HTTPFields {
        let named = Set(response.headers["connection"].map(tokens) ?? [])
        var fields = HTTPFields()
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) where fields.count < limit {
            guard !hopByHop.contains(name), !named.contains(name), name != "content-length", name != "set-cookie",
                  let fieldName = HTTPField.Name(name)
            else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        return fields
    }

    private static func connectionNamed(_ fields: HTTPFields) -> [String] {
        fields[values: .connection].flatMap(tokens)
    }

    private static func tokens(_ line: String) -> [String] {
        line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}
