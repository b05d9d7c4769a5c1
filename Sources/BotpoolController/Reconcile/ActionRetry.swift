import BotpoolPlanner

/// Failed actions wait before they are tried again: 10 s doubling to 5 minutes per action
/// target, forgotten once the action succeeds or is no longer planned. Kept in memory only.
struct ActionRetry: Sendable {
    struct Failure: Sendable, Equatable {
        var attempts: Int
        var lastError: String
        var nextAttemptAt: Timestamp
    }

    private(set) var failures: [String: Failure] = [:]

    static func key(_ action: Action) -> String {
        "\(action.kind.rawValue) \(action.pool.name) \(action.bot?.description ?? "")"
    }

    func isWaiting(_ action: Action, now: Timestamp) -> Bool {
        guard let failure = failures[Self.key(action)] else { return false }
        return failure.nextAttemptAt > now
    }

    func failure(for action: Action) -> Failure? {
        failures[Self.key(action)]
    }

    mutating func recordFailure(_ action: Action, error: String, now: Timestamp) {
        let key = Self.key(action)
        let attempts = (failures[key]?.attempts ?? 0) + 1
        let delay = min(10 * Double(1 << min(attempts - 1, 10)), 300)
        failures[key] = Failure(attempts: attempts, lastError: error, nextAttemptAt: now + delay)
    }

    mutating func recordSuccess(_ action: Action) {
        failures[Self.key(action)] = nil
    }

    /// Drops failures of actions the latest plan no longer contains.
    mutating func keepOnly(_ actions: [Action]) {
        let planned = Set(actions.map(Self.key))
        failures = failures.filter { planned.contains($0.key) }
    }
}
