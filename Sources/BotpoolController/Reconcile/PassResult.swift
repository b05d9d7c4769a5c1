import BotpoolPlanner

/// What one reconcile pass did.
public struct PassResult: Sendable {
    public var plan: Plan
    /// Per action id; empty for a dry run or a refused plan.
    public var outcomes: [Int: ActionOutcome]
    public var diagnostics: [String]
    public var durationSeconds: Double
    /// The earliest moment a later pass has work that no event will announce: a back-off
    /// expiring, a failed action's retry, an empty pool's TTL. nil: nothing is due.
    public var nextDueAt: Timestamp?

    public var failedCount: Int {
        outcomes.values.filter { if case .failed = $0 { true } else { false } }.count
    }

    /// Every planned action ran and succeeded (or none was needed) and nothing was refused.
    public var converged: Bool {
        plan.refused == nil && outcomes.values.allSatisfy { $0 == .succeeded }
            && outcomes.count == plan.actions.count
    }
}
