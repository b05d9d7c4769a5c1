import BotpoolPlanner

/// Why a saved plan was not run.
public enum SavedPlanError: Error, CustomStringConvertible, Sendable {
    case unreadable(String, String)
    /// The desired or observed state moved since the plan was made: what changed, one per line.
    case moved([String])
    /// Same inputs, different actions: time alone changed the plan (a back-off ran out, an
    /// empty pool aged past its TTL).
    case replanned(saved: [String], now: [String])

    public var description: String {
        switch self {
        case .unreadable(let path, let problem):
            return "\(path): \(problem)"
        case .moved(let changes):
            return "the world moved since the plan was made; run botpool diff --out again and review it:\n"
                + changes.map { "  " + $0 }.joined(separator: "\n")
        case .replanned(let saved, let now):
            return "the same state now plans other actions; run botpool diff --out again and review it:\n"
                + "  saved:\n" + saved.map { "    " + $0 }.joined(separator: "\n")
                + "\n  now:\n" + now.map { "    " + $0 }.joined(separator: "\n")
        }
    }
}

extension SavedPlan {
    /// Throws unless `plan`, made now from `desired` and `observed`, is this saved plan: the
    /// same token over the same inputs, the same actions (reasons aside: they are words) and the
    /// same refusal.
    public func check(_ plan: Plan, desired: DesiredState, observed: ObservedState) throws(SavedPlanError) {
        let now = PlanInputs(desired: desired, observed: observed)
        guard Self.token(now) == token else { throw .moved(now.changes(from: inputs)) }
        let saved = actions.map(Self.line) + (refused.map { ["refused: \($0)"] } ?? [])
        let made = plan.actions.map(Self.line) + (plan.refused.map { ["refused: \($0)"] } ?? [])
        guard saved == made else { throw .replanned(saved: saved, now: made) }
    }

    /// What an action does, without its reason: kind, pool, bot, slot, port, dependencies.
    public static func line(_ action: Action) -> String {
        var line = "\(action.id) \(action.kind.rawValue) \(action.pool.name)"
        if let target = action.target { line += " \(target.id) slot \(target.slot) port \(target.port)" }
        if action.deleteData == true { line += " deleteData" }
        if !action.dependsOn.isEmpty { line += " after \(action.dependsOn.map(String.init).joined(separator: ","))" }
        return line
    }
}
