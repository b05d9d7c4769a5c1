import Foundation

/// One HTTP request, relative to the transport's endpoint.
public struct HTTPRequest: Sendable, Equatable {
    public var method: HTTPMethod
    /// Path and percent-encoded query, e.g. `/v1.41/containers/json?all=true`.
    public var path: String
    /// Header names as given; the transport adds `Host` and `Content-Length` itself.
    public var headers: [String: String]
    public var body: Data?
    /// Whole exchange, connect included.
    public var timeout: Duration
    /// Connecting only; nil means the same as `timeout`.
    public var connectTimeout: Duration?

    public init(
        method: HTTPMethod = .get,
        path: String,
        query: [(String, String)] = [],
        headers: [String: String] = [:],
        body: Data? = nil,
        timeout: Duration = .seconds(30),
        connectTimeout: Duration? = nil
    ) {
        self.method = method
        self.path = query.isEmpty ? path : path + "?" + HTTPQuery.encode(query)
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }
}
