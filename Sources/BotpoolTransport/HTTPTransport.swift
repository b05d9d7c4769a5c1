/// The one seam between botpool's clients and the network: tests replace it with a recorder.
public protocol HTTPTransport: Sendable {
    /// Sends one request to the transport's endpoint. Throws `TransportError` only when no
    /// response arrived (cannot connect, timed out, TLS failed); any HTTP status is a response.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
