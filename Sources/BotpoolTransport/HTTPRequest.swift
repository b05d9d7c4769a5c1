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
    /// The most of the response body kept; past it the transfer stops and the response is
    /// marked `truncated`. Whatever answers is bounded, however much it sends.
    public var maxResponseBytes: Int

    public init(
        method: HTTPMethod = .get,
        path: String,
        query: [(String, String)] = [],
        headers: [String: String] = [:],
        body: Data? = nil,
        timeout: Duration = .seconds(30),
        connectTimeout: Duration? = nil,
        maxResponseBytes: Int = HTTPRequest.defaultMaxResponseBytes
    ) {
        self.method = method
        self.path = query.isEmpty ? path : path + "?" + HTTPQuery.encode(query)
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// 64 MiB: a Docker container list of thousands of pools is a few MiB.
    public static let defaultMaxResponseBytes = 64 << 20
}

extension HTTPRequest {
    /// An `Authorization` value for HTTP Basic (RFC 7617): `Basic base64(user:password)`.
    public static func basicAuthorization(username: String, password: String) -> String {
        "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }
}
