/// The real transport: one libcurl easy handle per request, performed on a `BlockingExecutor`
/// thread. Cheap to create (a value), so a probe may make one per target.
public struct CurlTransport: HTTPTransport {
    public let endpoint: HTTPEndpoint
    /// A network namespace file (a container's `SandboxKey`, `/proc/PID/ns/net`): TCP
    /// connections are opened inside that namespace, so `endpoint` is an address of its network.
    /// Needs CAP_SYS_ADMIN. nil: this process's own network.
    public let networkNamespace: String?
    private let executor: BlockingExecutor

    public init(endpoint: HTTPEndpoint, networkNamespace: String? = nil, executor: BlockingExecutor = .shared) {
        self.endpoint = endpoint
        self.networkNamespace = networkNamespace
        self.executor = executor
    }

    /// Parses `endpoint` (see `HTTPEndpoint.init(parsing:tls:)`).
    public init(endpoint text: String, tls: TLSOptions? = nil, executor: BlockingExecutor = .shared) throws(TransportError) {
        self.init(endpoint: try HTTPEndpoint(parsing: text, tls: tls), executor: executor)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let endpoint = endpoint
        let namespace = networkNamespace
        return try await executor.run { () throws(TransportError) -> HTTPResponse in
            try CurlTransfer(endpoint: endpoint, request: request, networkNamespace: namespace).perform()
        }
    }
}
