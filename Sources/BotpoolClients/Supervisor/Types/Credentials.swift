import BotpoolTransport
import Foundation

extension Supervisor {
    /// The login of one pool's supervisord socket (`username`/`password` of `[unix_http_server]`),
    /// sent as HTTP basic auth. Plain text in the read-only `supervisord.conf`: whoever reads it
    /// can already reach that socket; what it stops is one pool's socket answering for another.
    public struct Credentials: Sendable, Equatable {
        public var username: String
        public var password: String

        /// Both must be plain words: they are written into `supervisord.conf` unquoted.
        public init?(username: String, password: String) {
            let plain = { (text: String) in !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }
            guard plain(username), plain(password) else { return nil }
            self.username = username
            self.password = password
        }

        /// The lines of an `[unix_http_server]` or `[inet_http_server]` section.
        var configLines: String {
            "username=\(username)\npassword=\(password)\n"
        }

        var authorization: String {
            HTTPRequest.basicAuthorization(username: username, password: password)
        }
    }
}
