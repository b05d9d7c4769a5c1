import BotpoolManifest

/// One supervisord group in a pool: the bot's program and its process.
public struct ObservedBot: Hashable, Sendable {
    public var id: BotID
    /// Port offset in the pool; the bot's port is the pool's `basePort + slot`.
    public var slot: Int
    /// Read back from the program config; nil when missing or unreadable (treated as changed).
    public var fingerprint: SpecFingerprint?
    /// Read back from the program config, so a bot whose manifest is gone is removed as it asked.
    public var deletionPolicy: DeletionPolicy
    public var process: ProcessState
    public var pid: Int?
    public var exitStatus: Int?
    public var startedAt: Timestamp?
    /// When an operator moved the bot into this pool (`botpool move`); nil when it was placed.
    /// Of two copies of one bot, the one moved last is kept and the other removed (with its data
    /// left where it is), even when the other still runs: it is the copy the operator gave up.
    public var movedAt: Timestamp?

    public init(
        id: BotID,
        slot: Int,
        fingerprint: SpecFingerprint?,
        deletionPolicy: DeletionPolicy = .retain,
        process: ProcessState = .running,
        pid: Int? = nil,
        exitStatus: Int? = nil,
        startedAt: Timestamp? = nil,
        movedAt: Timestamp? = nil
    ) {
        self.id = id
        self.slot = slot
        self.fingerprint = fingerprint
        self.deletionPolicy = deletionPolicy
        self.process = process
        self.pid = pid
        self.exitStatus = exitStatus
        self.startedAt = startedAt
        self.movedAt = movedAt
    }
}

/// supervisord's process states, spelled as its `statename`.
public enum ProcessState: String, Hashable, Sendable, Codable, CaseIterable {
    case stopped = "STOPPED"
    case starting = "STARTING"
    case running = "RUNNING"
    case backoff = "BACKOFF"
    case stopping = "STOPPING"
    case exited = "EXITED"
    case fatal = "FATAL"
    case unknown = "UNKNOWN"
}

extension ProcessState {
    /// Counts as a running bot for the mass-delete guard. A bot is STARTING for its first second
    /// (`startsecs=1`), so a pass right after placing bots must protect those too.
    var isRunningForGuard: Bool { self == .running || self == .starting }
}
