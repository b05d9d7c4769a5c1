import AsyncAlgorithms
import BotpoolPlanner
import Logging

/// Asks for a pass when a bot's process is no longer what the last pass saw (it exited, was
/// killed, its pool's supervisord stopped answering): bots without a health check are
/// otherwise only noticed at the next resync. Polls `Backend.processStates()` every
/// `interval` and compares with the last pass's observation, so a change that happens before
/// the first poll is not taken for the normal state.
public struct ProcessWatch: Sendable {
    public var backend: any Backend
    public var interval: Duration
    public var trigger: ReconcileTrigger
    /// What the last pass observed; nil before the first pass.
    public var lastObserved: @Sendable () async -> ObservedState?

    public init(backend: any Backend, interval: Duration, trigger: ReconcileTrigger,
                lastObserved: @escaping @Sendable () async -> ObservedState?) {
        self.backend = backend
        self.interval = interval
        self.trigger = trigger
        self.lastObserved = lastObserved
    }

    /// Until cancelled. One reading asks for at most one pass: while a difference persists (a
    /// pass that cannot run, Docker down) it is not asked for again every interval. Once the
    /// world matches the last pass again it is forgotten, so the same fault a second time (the
    /// same pool killed again reads exactly as before) asks again.
    public func run() async {
        var readings = Readings()
        for await _ in AsyncTimerSequence(interval: interval, clock: .continuous) {
            guard let observed = await lastObserved() else { continue }
            if let change = readings.next(await backend.processStates(), seen: ProcessStates.of(observed)) {
                trigger.request("process state changed: \(change)")
            }
        }
    }

    /// Which readings ask for a pass: one that differs from what the last pass saw, unless the
    /// same difference was asked about already and has not gone away since.
    struct Readings {
        private var asked: [String: String]?

        /// The change to ask a pass for, or nil.
        mutating func next(_ current: [String: String], seen: [String: String]) -> String? {
            guard let change = ProcessWatch.firstChange(from: seen, to: current) else {
                asked = nil
                return nil
            }
            guard current != asked else { return nil }
            asked = current
            return change
        }
    }

    /// The first bot the last pass saw that is now different or gone, as
    /// `pool/bot RUNNING 12 → EXITED 0`; nil when every one is as it was. Programs the pass did
    /// not see (placed since) are the next pass's business.
    static func firstChange(from seen: [String: String], to current: [String: String]) -> String? {
        for key in seen.keys.sorted() where current[key] != seen[key] {
            return "\(key) \(seen[key] ?? "") → \(current[key] ?? "gone")"
        }
        return nil
    }
}
