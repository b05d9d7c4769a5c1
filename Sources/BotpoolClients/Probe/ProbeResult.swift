/// One probe's outcome.
public struct ProbeResult: Sendable, Equatable, CustomStringConvertible {
    /// `http://127.0.0.1:9000/api/v1/ping`.
    public var target: String
    public var success: Bool
    /// nil when no response arrived.
    public var status: Int?
    public var latency: Duration
    /// Why it failed, in words: `HTTP 503`, `… connection refused`, `… timed out after 1.0 s`.
    public var error: String?

    public init(target: String, success: Bool, status: Int?, latency: Duration, error: String?) {
        self.target = target
        self.success = success
        self.status = status
        self.latency = latency
        self.error = error
    }

    public var description: String {
        success ? "\(target): ok (\(status ?? 0)) in \(latency)" : "\(target): failed: \(error ?? "unknown")"
    }
}
