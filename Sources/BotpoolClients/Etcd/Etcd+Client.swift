import BotpoolTransport
import Foundation

extension Etcd {
    /// A client for one etcd member's gateway. Endpoint methods live in `Endpoints/`; each names
    /// its route. All methods throw only `Etcd.Error`, and every error names `endpoint`.
    public struct Client: Sendable {
        public let transport: any HTTPTransport
        /// How the errors name the member, e.g. `http://127.0.0.1:2379`.
        public let endpoint: String
        /// Each call's whole exchange; leader election sets it to its retry period.
        public var timeout: Duration
        /// Answers are a few hundred bytes; anything past this is not etcd's.
        public var maxResponseBytes: Int

        public init(transport: any HTTPTransport, endpoint: String, timeout: Duration = .seconds(2),
                    maxResponseBytes: Int = 64 << 10) {
            self.transport = transport
            self.endpoint = endpoint
            self.timeout = timeout
            self.maxResponseBytes = maxResponseBytes
        }

        /// A client over libcurl for `http://host:port` or `https://host:port`.
        public init(url: String, tls: TLSOptions? = nil, timeout: Duration = .seconds(2)) throws(TransportError) {
            let endpoint = try HTTPEndpoint(parsing: url, tls: tls)
            self.init(transport: CurlTransport(endpoint: endpoint), endpoint: endpoint.description, timeout: timeout)
        }
    }
}
