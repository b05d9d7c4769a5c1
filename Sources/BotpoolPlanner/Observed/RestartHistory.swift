/// Restarts the controller made for one bot, kept in memory between passes (`Plan.restartHistory`).
public struct RestartHistory: Hashable, Sendable, Codable {
    public var count: Int
    public var lastRestartAt: Timestamp
    /// How long after `lastRestartAt` the next restart may happen.
    public var backOffSeconds: Double

    public init(count: Int, lastRestartAt: Timestamp, backOffSeconds: Double) {
        self.count = count
        self.lastRestartAt = lastRestartAt
        self.backOffSeconds = backOffSeconds
    }

    public var nextRetryAt: Timestamp { lastRestartAt + backOffSeconds }

    /// The history after one more restart at `now`: the first restart is immediate and arms
    /// the back-off (`Planner.restartBackOff`), each further one doubles it.
    public static func after(_ previous: RestartHistory?, restartAt now: Timestamp) -> RestartHistory {
        let count = (previous?.count ?? 0) + 1
        return RestartHistory(count: count, lastRestartAt: now,
                              backOffSeconds: Planner.restartBackOff.seconds(afterFailures: count))
    }
}
