import BotpoolTransport
import Foundation

/// HTTP health probes: `GET http://<address>:<port><path>`, answered with a `ProbeResult` value
/// whatever happens (a refused connection is a failed probe, not an error).
public struct Probe: Sendable {
    /// Makes the transport for one target; tests substitute a recorder.
    public typealias TransportFactory = @Sendable (HTTPEndpoint) -> any HTTPTransport

    private let makeTransport: TransportFactory

    public init(executor: BlockingExecutor = .shared) {
        self.makeTransport = { CurlTransport(endpoint: $0, executor: executor) }
    }

    public init(makeTransport: @escaping TransportFactory) {
        self.makeTransport = makeTransport
    }

    /// At most this much of a probe's answer is read, as the kubelet does: the status decides,
    /// and a bot that answers with an endless body costs the controller 10 KiB.
    public static let maxBodyBytes = 10 << 10

    /// Probes once. Success is a 2xx or 3xx answer within `timeout`.
    public func http(address: String, port: Int, path: String = "/", timeout: Duration = .seconds(1)) async -> ProbeResult {
        let endpoint = HTTPEndpoint.http(host: address, port: port)
        let target = endpoint.description + (path.hasPrefix("/") ? path : "/" + path)
        let request = HTTPRequest(path: path.hasPrefix("/") ? path : "/" + path, timeout: timeout,
                                  maxResponseBytes: Self.maxBodyBytes)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await makeTransport(endpoint).send(request)
            let success = (200..<400).contains(response.status)
            return ProbeResult(
                target: target, success: success, status: response.status, latency: clock.now - start,
                error: success ? nil : "HTTP \(response.status)")
        } catch {
            return ProbeResult(target: target, success: false, status: nil, latency: clock.now - start, error: "\(error)")
        }
    }
}
