import BotpoolPlanner
import Foundation

/// Asks for a pass when the last pass's `nextDueAt` arrives (a back-off or retry expiring,
/// an empty pool's TTL), so those happen on time rather than at the next resync. Only the
/// latest pass's moment counts: scheduling replaces what was pending.
public actor DueTimer {
    private let trigger: ReconcileTrigger
    private var pending: Task<Void, Never>?
    /// Past the due moment, so the pass that wakes finds it expired.
    static let slack = 0.05

    public init(trigger: ReconcileTrigger) {
        self.trigger = trigger
    }

    public func schedule(at due: Timestamp?, now: Timestamp = Date().timeIntervalSince1970) {
        pending?.cancel()
        pending = nil
        guard let due else { return }
        let delay = max(0, due - now) + Self.slack
        pending = Task { [trigger] in
            do {
                try await Task.sleep(for: .seconds(delay))
                trigger.request("retry due")
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
