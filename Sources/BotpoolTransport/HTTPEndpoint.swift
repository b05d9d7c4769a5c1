/// Where a transport sends its requests: a unix socket, or a TCP host and port.
public enum HTTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    case unixSocket(path: String)
    case http(host: String, port: Int)
    case https(host: String, port: Int, tls: TLSOptions)

    /// Parses `unix:///path.sock`, `http://host:port`, `https://host:port`, and Docker's
    /// `tcp://host:port` (https when `tls` is given, otherwise http).
    public init(parsing text: String, tls: TLSOptions? = nil) throws(TransportError) {
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst("unix://".count))
            guard path.hasPrefix("/") else {
                throw .invalidEndpoint(text, reason: "a unix socket path must be absolute, e.g. unix:///var/run/docker.sock")
            }
            self = .unixSocket(path: path)
            return
        }
        let schemes: [(prefix: String, secure: Bool, defaultPort: Int)] = [
            ("http://", false, 80), ("https://", true, 443), ("tcp://", tls != nil, tls != nil ? 2376 : 2375),
        ]
        guard let scheme = schemes.first(where: { text.hasPrefix($0.prefix) }) else {
            throw .invalidEndpoint(text, reason: "expected unix://, http://, https:// or tcp://")
        }
        var rest = Substring(text.dropFirst(scheme.prefix.count))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        let (host, port) = try Self.hostAndPort(rest, defaultPort: scheme.defaultPort, text: text)
        if scheme.secure {
            self = .https(host: host, port: port, tls: tls ?? TLSOptions())
        } else {
            self = .http(host: host, port: port)
        }
    }

    public var description: String {
        switch self {
        case .unixSocket(let path): "unix://\(path)"
        case .http(let host, let port): "http://\(Self.bracketed(host)):\(port)"
        case .https(let host, let port, _): "https://\(Self.bracketed(host)):\(port)"
        }
    }

    /// The URL curl is given; for a unix socket the host part is a placeholder.
    func url(path: String) -> String {
        switch self {
        case .unixSocket: "http://localhost\(path)"
        case .http, .https: description + path
        }
    }

    private static func bracketed(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    private static func hostAndPort(
        _ rest: Substring, defaultPort: Int, text: String
    ) throws(TransportError) -> (String, Int) {
        var host = rest
        var portText: Substring?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains("/") else {
            throw .invalidEndpoint(text, reason: "expected host:port")
        }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw .invalidEndpoint(text, reason: "port \"\(portText)\" is not a number from 1 to 65535")
        }
        return (String(host), port)
    }
}
