import BotpoolManifest

/// The outcome of one planning pass.
public struct Plan: Sendable, Encodable {
    /// In execution order; every action comes after the ones it depends on.
    public var actions: [Action]
    /// Set when the mass-delete guard stopped the plan: then `actions` is empty and
    /// `refusedActions` shows what would have run.
    public var refused: String?
    public var refusedActions: [Action]
    /// Problems the plan leaves alone: malformed containers, pools it may not replace, ...
    public var warnings: [String]
    /// Desired bots that could not be placed this pass, with why ("Unschedulable: ...").
    public var pending: [PendingBot]
    /// Crashed bots waiting for their back-off to expire.
    public var backOff: [BackOffWait]
    /// The restart bookkeeping to keep for the next pass once the actions ran (unchanged when refused).
    public var restartHistory: [BotID: RestartHistory]
    /// Disruptive changes that wait for their bot's `spec.disruption` (open trades, a rollout).
    public var disruptions: [DisruptionWait] = []
    /// For the next pass's `observed.drains`.
    public var drains: [BotID: DrainRecord] = [:]
    /// For the next pass's `observed.requests`: operators' requests not acted on yet.
    public var requests: [BotID: OperatorRequest] = [:]

    public init(
        actions: [Action] = [],
        refused: String? = nil,
        refusedActions: [Action] = [],
        warnings: [String] = [],
        pending: [PendingBot] = [],
        backOff: [BackOffWait] = [],
        restartHistory: [BotID: RestartHistory] = [:]
    ) {
        self.actions = actions
        self.refused = refused
        self.refusedActions = refusedActions
        self.warnings = warnings
        self.pending = pending
        self.backOff = backOff
        self.restartHistory = restartHistory
    }

    /// No action to run and none refused: desired and observed agree (as far as can be acted on).
    public var isEmpty: Bool { actions.isEmpty && refused == nil }

    public var summary: PlanSummary { PlanSummary(refused == nil ? actions : refusedActions) }

    private enum CodingKeys: String, CodingKey {
        case actions, refused, refusedActions, warnings, pending, backOff, disruptions, summary
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(actions, forKey: .actions)
        try container.encode(refused, forKey: .refused)
        try container.encode(refusedActions, forKey: .refusedActions)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(pending, forKey: .pending)
        try container.encode(backOff, forKey: .backOff)
        try container.encode(disruptions, forKey: .disruptions)
        try container.encode(summary, forKey: .summary)
    }
}

/// A desired bot without a place this pass.
public struct PendingBot: Hashable, Sendable, Codable {
    public var bot: BotID
    /// e.g. "Unschedulable: class freqtrade: all 20 pools in use".
    public var reason: String

    public init(bot: BotID, reason: String) {
        self.bot = bot
        self.reason = reason
    }
}

/// A crashed bot whose next restart waits for its back-off.
public struct BackOffWait: Hashable, Sendable, Codable {
    public var bot: BotID
    public var nextRetryAt: Timestamp
    public var lastExitStatus: Int?
    /// e.g. "process EXITED: exit 1".
    public var reason: String

    public init(bot: BotID, nextRetryAt: Timestamp, lastExitStatus: Int?, reason: String) {
        self.bot = bot
        self.nextRetryAt = nextRetryAt
        self.lastExitStatus = lastExitStatus
        self.reason = reason
    }
}

/// A running bot whose disruptive change waits (`spec.disruption`); it keeps running meanwhile.
public struct DisruptionWait: Hashable, Sendable, Codable {
    public enum Condition: String, Hashable, Sendable, Codable, CaseIterable {
        /// WhenFlat: new entries stopped, waiting for the open trades to close.
        case draining = "Draining"
        /// WhenFlat past `drainTimeout`: still waiting, until the trades close or `restart --force`.
        case waitingForFlat = "WaitingForFlat"
        /// Manual: waiting for `botpool rollout`.
        case waitingForRollout = "WaitingForRollout"
    }

    public var bot: BotID
    public var condition: Condition
    /// What waits, e.g. "update (spec hash changed: env FOO)".
    public var change: String
    /// The last count read; nil when not read since the wait began.
    public var openTrades: Int?
    public var since: Timestamp
    /// e.g. "update (spec hash changed: env FOO) waits for 2 open trades".
    public var reason: String

    public init(bot: BotID, condition: Condition, change: String, openTrades: Int?, since: Timestamp, reason: String) {
        self.bot = bot
        self.condition = condition
        self.change = change
        self.openTrades = openTrades
        self.since = since
        self.reason = reason
    }
}
