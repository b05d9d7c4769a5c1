/// The real transport: one libcurl easy handle per request, performed on a `BlockingExecutor`
/// thread. Cheap to create (a value), so a probe may make one per target.
public struct CurlTransport: HTTPTransport {
    public let endpoint: HTTPEndpoint
    private let executor: BlockingExecutor

    public init(endpoint: HTTPEndpoint, executor: BlockingExecutor = .shared) {
        self.endpoint = endpoint
        self.executor = executor
    }

    /// Parses `endpoint` (see `HTTPEndpoint.init(parsing:tls:)`).
    public init(endpoint text: String, tls: TLSOptions? = nil, executor: BlockingExecutor = .shared) throws(TransportError) {
        self.init(endpoint: try HTTPEndpoint(parsing: text, tls: tls), executor: executor)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let endpoint = endpoint
        return try await executor.run { () throws(TransportError) -> HTTPResponse in
            try CurlTransfer(endpoint: endpoint, request: request).perform()
        }
    }
}
