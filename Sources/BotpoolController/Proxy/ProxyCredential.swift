import Foundation
import HTTPTypes
import Hummingbird

/// botpool's token on a proxied request. `Authorization` is the bot's own (FreqUI sends HTTP
/// Basic or FreqTrade's JWT there), so botpool's travels beside it: header `X-Botpool-Token`, or
/// cookie `botpool_token` (what a browser gets from `?botpool_token=`, see `BotProxy+Login`).
/// Both are removed before the request reaches the bot.
enum ProxyCredential {
    static let header = HTTPField.Name("X-Botpool-Token")!
    static let cookie = "botpool_token"
    static let query = "botpool_token"

    /// The token the request carries: the header first, else the cookie; nil when neither.
    static func token(in request: Request) -> [UInt8]? {
        if let value = request.headers[header] { return Array(value.utf8) }
        for line in request.headers[values: .cookie] {
            for (name, value) in cookies(line) where name == cookie {
                return value.removingPercentEncoding.map { Array($0.utf8) }
            }
        }
        return nil
    }

    /// A `Cookie` header's pairs, in order.
    static func cookies(_ line: String) -> [(name: String, value: String)] {
        line.split(separator: ";").compactMap { pair in
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            let name = pair[..<equals].trimmingCharacters(in: .whitespaces)
            let value = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            return (name, value)
        }
    }

    /// A `Cookie` header without botpool's cookie; nil when nothing else is left.
    static func cookieLineWithoutToken(_ line: String) -> String? {
        let kept = cookies(line).filter { $0.name != cookie }
        return kept.isEmpty ? nil : kept.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    /// A cookie value for `token`: tokens are printable ASCII, but `;`, `,`, `"` and `\` may not
    /// stand in a cookie, so everything but letters, digits and `-._~` is percent-encoded.
    static func cookieValue(_ token: String) -> String {
        token.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
