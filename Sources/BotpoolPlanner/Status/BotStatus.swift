import BotpoolManifest

/// What `get bots` and `/api/v1/status` show for one bot.
public struct BotStatus: Hashable, Sendable, Codable {
    public var bot: BotID
    public var phase: BotPhase
    /// Why the bot is in this phase, when that is not obvious ("Unschedulable: ...", "probe failed 3/3").
    public var reason: String?
    public var pool: String?
    public var port: Int?
    /// CrashLoopBackOff: when the next restart may happen.
    public var nextRetryAt: Timestamp?
    public var lastExitStatus: Int?
    public var restarts: Int
    /// A FreqTrade bot's trading, as its API last said (`spec.freqtrade`).
    public var trading: TradingState?
    /// A disruptive change that waits for the bot's `spec.disruption` (Draining, WaitingForFlat,
    /// WaitingForRollout); the bot keeps its phase meanwhile.
    public var disruption: DisruptionWait?

    public init(
        bot: BotID,
        phase: BotPhase,
        reason: String? = nil,
        pool: String? = nil,
        port: Int? = nil,
        nextRetryAt: Timestamp? = nil,
        lastExitStatus: Int? = nil,
        restarts: Int = 0
    ) {
        self.bot = bot
        self.phase = phase
        self.reason = reason
        self.pool = pool
        self.port = port
        self.nextRetryAt = nextRetryAt
        self.lastExitStatus = lastExitStatus
        self.restarts = restarts
    }
}

public enum BotPhase: String, Hashable, Sendable, Codable, CaseIterable {
    /// Not placed yet (reason says why, e.g. Unschedulable).
    case pending = "Pending"
    /// Process starting, or running without a successful probe yet.
    case starting = "Starting"
    /// Running and healthy.
    case running = "Running"
    /// Running but failing its probe, or its pool container is down.
    case unhealthy = "Unhealthy"
    /// Crashed; waiting for (or about to get) a restart.
    case crashLoopBackOff = "CrashLoopBackOff"
    /// spec.state stopped.
    case stopped = "Stopped"
    /// Exited non-zero (or FATAL) and its restartPolicy says not to restart.
    case failed = "Failed"
    /// Exited 0 and its restartPolicy says not to restart.
    case completed = "Completed"
    /// Its manifest failed validation: left exactly as it runs.
    case frozen = "Frozen"
    /// Its pool is held because the pool's node is down: the bot stays assigned there (its data
    /// is on that node) and nothing is done to it until the node is back. Not ready, not crashed.
    case nodeLost = "NodeLost"
    /// Its manifest is gone, and its removal waits for its `spec.disruption` (WhenFlat: open
    /// trades; Manual: a rollout): it keeps running meanwhile.
    case terminating = "Terminating"
}
