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

    /// The history after one more restart at `now`: the first restart is immediate and arms a
    /// 10 s back-off, each further one doubles it up to 5 minutes.
    public static func after(_ previous: RestartHistory?, restartAt now: Timestamp) -> RestartHistory {
        guard let previous else {
            return RestartHistory(count: 1, lastRestartAt: now, backOffSeconds: Planner.initialBackOffSeconds)
        }
        return RestartHistory(
            count: previous.count + 1,
            lastRestartAt: now,
            backOffSeconds: min(previous.backOffSeconds * 2, Planner.maximumBackOffSeconds)
        )
    }
}
