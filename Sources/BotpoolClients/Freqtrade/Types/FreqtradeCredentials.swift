import BotpoolTransport
import Foundation

extension Freqtrade {
    /// The bot's `api_server.username` and `password`, sent as HTTP Basic.
    public struct Credentials: Sendable, Hashable {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        var authorization: String {
            HTTPRequest.basicAuthorization(username: username, password: password)
        }
    }
}
