import BotpoolTransport
import Foundation

extension Freqtrade {
    /// What a call can meet. A bot that is not trading (webserver mode) or that refuses is a
    /// value the caller plans for, not a transport failure.
    public enum Error: Swift.Error, CustomStringConvertible, Sendable, Equatable {
        /// No answer from the bot's port.
        case unreachable(endpoint: String, TransportError)
        /// 401: the login is not this bot's.
        case unauthorized(endpoint: String)
        /// 503 `Bot is not in the correct state.`: no trader runs (e.g. `freqtrade webserver`).
        case notTrading(endpoint: String, route: String)
        /// 502 `{"error": "Error querying <route>: <reason>"}`: the bot refused, e.g. `trader is not running`.
        case refused(endpoint: String, route: String, reason: String)
        /// Any other status; `message` is the bot's, cut short.
        case api(endpoint: String, route: String, status: Int, message: String)
        /// A 2xx answer that is not what FreqTrade sends, or one past the size bound.
        case malformedResponse(endpoint: String, route: String, detail: String)

        public var description: String {
            switch self {
            case .unreachable(let endpoint, let error): "FreqTrade API at \(endpoint) did not answer: \(error)"
            case .unauthorized(let endpoint): "FreqTrade API at \(endpoint): 401: the bot does not accept this login"
            case .notTrading(let endpoint, let route): "FreqTrade API at \(endpoint): \(route): no trader runs in this bot (webserver mode?)"
            case .refused(let endpoint, let route, let reason): "FreqTrade API at \(endpoint): \(route): \(reason)"
            case .api(let endpoint, let route, let status, let message):
                "FreqTrade API at \(endpoint): \(route): \(status) \(message.isEmpty ? "(no message)" : message)"
            case .malformedResponse(let endpoint, let route, let detail):
                "FreqTrade API at \(endpoint): \(route): unexpected answer: \(detail)"
            }
        }

        /// The longest part of a bot's own error text that is kept (it goes into status reasons).
        public static let maxMessageCharacters = 200

        static func from(_ response: HTTPResponse, endpoint: String, route: String) -> Error {
            struct Detail: Decodable { var detail: String? }
            struct Refusal: Decodable { var error: String? }
            let detail = (try? JSONDecoder().decode(Detail.self, from: response.body))?.detail
            let refusal = (try? JSONDecoder().decode(Refusal.self, from: response.body))?.error
            func bounded(_ text: String) -> String {
                let clean = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
                return clean.count > maxMessageCharacters ? String(clean.prefix(maxMessageCharacters)) + "…" : clean
            }
            switch response.status {
            case 401: return .unauthorized(endpoint: endpoint)
            case 503 where detail?.hasPrefix("Bot is not in the correct state") == true:
                return .notTrading(endpoint: endpoint, route: route)
            case 502 where refusal != nil:
                // "Error querying /api/v1/count: trader is not running" → "trader is not running".
                let text = refusal ?? ""
                let reason = text.hasPrefix("Error querying ") ? text.split(separator: ":", maxSplits: 1).last.map(String.init) ?? text : text
                return .refused(endpoint: endpoint, route: route, reason: bounded(reason.trimmingCharacters(in: .whitespaces)))
            default:
                return .api(endpoint: endpoint, route: route, status: response.status,
                            message: bounded(detail ?? refusal ?? response.text.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
    }
}
