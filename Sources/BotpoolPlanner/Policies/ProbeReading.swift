import BotpoolManifest

/// What a bot's probe results say under its health check. The one reading of
/// `failureThreshold` and `initialDelaySeconds`: the planner restarts a bot when it is
/// `failing`, and the status calls it Unhealthy then, and only then.
public struct ProbeReading: Hashable, Sendable {
    public var consecutiveFailures: Int
    /// `failureThreshold`, at least 1.
    public var threshold: Int
    /// The threshold is reached and the initial delay since the process started is over.
    public var failing: Bool
    /// No probe has succeeded since the process started.
    public var awaitingFirstSuccess: Bool

    public init(check: HealthCheck, health: HealthHistory?, startedAt: Timestamp?, now: Timestamp) {
        let health = health ?? HealthHistory()
        consecutiveFailures = health.consecutiveFailures
        threshold = max(check.failureThreshold, 1)
        let delayOver = startedAt.map { now - $0 >= Double(check.initialDelaySeconds) } ?? true
        failing = consecutiveFailures >= threshold && delayOver
        awaitingFirstSuccess = health.lastSuccessAt == nil
    }

    /// "probe failed 2/3" once any probe in a row failed; nil otherwise.
    public var failures: String? {
        consecutiveFailures > 0 ? "probe failed \(consecutiveFailures)/\(threshold)" : nil
    }
}
