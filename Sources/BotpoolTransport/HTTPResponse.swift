import Foundation

/// A complete HTTP response. Every status is a response; deciding what a status means is the
/// client's business, not the transport's.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header names lower-cased; a repeated header keeps its last value.
    public var headers: [String: String]
    public var body: Data
    /// The body is only the first `HTTPRequest.maxResponseBytes` of what was sent; the transfer
    /// was cut there. A client that needs the whole body treats this as a malformed answer.
    public var truncated: Bool

    public init(status: Int, headers: [String: String] = [:], body: Data = Data(), truncated: Bool = false) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.body = body
        self.truncated = truncated
    }

    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text, invalid sequences replaced.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
