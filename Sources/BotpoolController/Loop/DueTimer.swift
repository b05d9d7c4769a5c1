import BotpoolPlanner
import Foundation

/// Asks for a pass when the last pass's `nextDueAt` arrives (a back-off or retry expiring,
/// an empty pool's TTL), so those happen on time rather than at the next resync. Only the
/// latest pass's moment counts: scheduling replaces what was pending.
public actor DueTimer {
    private let trigger: ReconcileTrigger
    private var pending: Task<Void, Never>?
    /// Passes failed in a row (Docker unreachable, manifests unreadable).
    private var failures = 0
    /// Past the due moment, so the pass that wakes finds it expired.
    static let slack = 0.05

    public init(trigger: ReconcileTrigger) {
        self.trigger = trigger
    }

    public func schedule(at due: Timestamp?, now: Timestamp = Date().timeIntervalSince1970) {
        failures = 0
        guard let due else {
            cancel()
            return
        }
        wake(after: max(0, due - now) + Self.slack, reason: "retry due")
    }

    /// After a pass that could not run at all (dockerd restarting, say): the next one in 1 s,
    /// doubling to `limit`, rather than at the next resync.
    public func scheduleAfterFailedPass(limit: Double) {
        failures += 1
        wake(after: min(pow(2, Double(failures - 1)), limit), reason: "retry failed pass")
    }

    private func wake(after delay: Double, reason: String) {
        pending?.cancel()
        pending = Task { [trigger] in
            do {
                try await Task.sleep(for: .seconds(delay))
                trigger.request(reason)
            } catch {
                // Replaced by a later pass's moment, or the daemon stops.
            }
        }
    }

    public func cancel() {
        pending?.cancel()
        pending = nil
    }
}
