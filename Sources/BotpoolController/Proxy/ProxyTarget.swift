import Foundation

/// What a proxied request asks the bot for: the path below `/bots/<tenant>/<name>` and the
/// query without botpool's own `botpool_token` (which only `BotProxy+Login` reads).
struct ProxyTarget {
    /// `/bots/<tenant>/<name>`: where the bot is mounted.
    var prefix: String
    /// Below the prefix, `/` at least, with the remaining query.
    var pathAndQuery: String
    /// `?botpool_token=` of a browser logging in.
    var loginToken: String?

    /// nil when the path is not below the prefix or holds bytes that cannot stand in a request
    /// line (the bot would get something else than was asked for).
    init?(path: String, query: String?, tenant: String, name: String) {
        prefix = "/bots/\(tenant)/\(name)"
        guard path.hasPrefix(prefix) else { return nil }
        var rest = String(path.dropFirst(prefix.count))
        if rest.isEmpty { rest = "/" }
        guard rest.hasPrefix("/") else { return nil }
        var kept: [Substring] = []
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            if pair.hasPrefix(ProxyCredential.query + "=") {
                loginToken = String(pair.dropFirst(ProxyCredential.query.count + 1)).removingPercentEncoding
            } else {
                kept.append(pair)
            }
        }
        pathAndQuery = kept.isEmpty ? rest : rest + "?" + kept.joined(separator: "&")
        guard pathAndQuery.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "#") }) else { return nil }
    }

    /// Where a browser is sent back to after logging in: the same page without the token.
    var pageWithoutToken: String {
        prefix + pathAndQuery
    }
}
