import BotpoolPlanner

/// Failed actions wait before they are tried again, per action target, with the back-off crash
/// restarts use (10 s doubling to 5 minutes); forgotten once the action succeeds or is no
/// longer planned. Kept in memory only.
struct ActionRetry: Sendable {
    var backOff = BackOff.standard

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
        failures[key] = Failure(attempts: attempts, lastError: error,
                                nextAttemptAt: now + backOff.seconds(afterFailures: attempts))
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
