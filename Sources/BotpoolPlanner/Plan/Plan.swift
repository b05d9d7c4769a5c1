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
        case actions, refused, refusedActions, warnings, pending, backOff, summary
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(actions, forKey: .actions)
        try container.encode(refused, forKey: .refused)
        try container.encode(refusedActions, forKey: .refusedActions)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(pending, forKey: .pending)
        try container.encode(backOff, forKey: .backOff)
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
