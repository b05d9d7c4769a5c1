/// Why a request got no HTTP response, in words a person can act on.
public enum TransportError: Swift.Error, CustomStringConvertible, Sendable, Equatable {
    case invalidEndpoint(String, reason: String)
    case cannotConnect(endpoint: String, reason: ConnectFailure)
    case timedOut(endpoint: String, after: Duration, whileConnecting: Bool)
    case tls(endpoint: String, detail: String)
    case transfer(endpoint: String, detail: String)
    case libcurlUnavailable(String)

    public enum ConnectFailure: Sendable, Equatable, CustomStringConvertible {
        case noSuchFile
        case refused
        case permissionDenied
        case unresolvedHost
        case other(String)

        public var description: String {
            switch self {
            case .noSuchFile: "no such file"
            case .refused: "connection refused"
            case .permissionDenied: "permission denied"
            case .unresolvedHost: "host name not found"
            case .other(let detail): detail
            }
        }
    }

    public var description: String {
        switch self {
        case .invalidEndpoint(let text, let reason):
            "invalid endpoint \"\(text)\": \(reason)"
        case .cannotConnect(let endpoint, let reason):
            "cannot connect to \(endpoint): \(reason)"
        case .timedOut(let endpoint, let after, let connecting):
            "\(endpoint): \(connecting ? "connect " : "")timed out after \(after.secondsText) s"
        case .tls(let endpoint, let detail):
            "\(endpoint): TLS failed: \(detail)"
        case .transfer(let endpoint, let detail):
            "\(endpoint): \(detail)"
        case .libcurlUnavailable(let detail):
            "libcurl unavailable: \(detail)"
        }
    }

    /// The endpoint the failed request was for, when there was one.
    public var endpoint: String? {
        switch self {
        case .cannotConnect(let endpoint, _), .timedOut(let endpoint, _, _), .tls(let endpoint, _),
             .transfer(let endpoint, _):
            endpoint
        case .invalidEndpoint, .libcurlUnavailable:
            nil
        }
    }
}
