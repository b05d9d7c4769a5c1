/// The one seam between botpool's clients and the network: tests replace it with a recorder.
public protocol HTTPTransport: Sendable {
    /// Sends one request to the transport's endpoint. Throws `TransportError` only when no
    /// response arrived (cannot connect, timed out, TLS failed); any HTTP status is a response.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

extension HTTPTransport {
    /// `send`, with whatever it throws as a `TransportError` that names `endpoint` (a transport
    /// other than libcurl's may throw other errors), for clients that wrap it in their own.
    public func exchange(_ request: HTTPRequest, endpoint: String) async throws(TransportError) -> HTTPResponse {
        do {
            return try await send(request)
        } catch let error as TransportError {
            throw error
        } catch {
            throw .transfer(endpoint: endpoint, detail: "\(error)")
        }
    }
}
