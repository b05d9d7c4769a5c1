import AsyncAlgorithms
import BotpoolPlanner
import Logging

/// Asks for a pass when a bot's process is no longer what the last pass saw (it exited, was
/// killed, its pool's supervisord stopped answering): bots without a health check are
/// otherwise only noticed at the next resync. Polls `ClusterRuntime.processStates()` every
/// `interval` and compares with the last pass's observation, so a change that happens before
/// the first poll is not taken for the normal state.
public struct ProcessWatch: Sendable {
    public var runtime: any ClusterRuntime
    public var interval: Duration
    public var trigger: ReconcileTrigger
    /// What the last pass observed; nil before the first pass.
    public var lastObserved: @Sendable () async -> ObservedState?

    public init(runtime: any ClusterRuntime, interval: Duration, trigger: ReconcileTrigger,
                lastObserved: @escaping @Sendable () async -> ObservedState?) {
        self.runtime = runtime
        self.interval = interval
        self.trigger = trigger
        self.lastObserved = lastObserved
    }

    /// Until cancelled. One reading asks for at most one pass: while a difference persists (a
    /// pass that cannot run, Docker down) it is not asked for again every interval.
    public func run() async {
        var asked: [String: String]?
        for await _ in AsyncTimerSequence(interval: interval, clock: .continuous) {
            guard let observed = await lastObserved() else { continue }
            let current = await runtime.processStates()
            guard current != asked, let change = Self.firstChange(from: Self.states(of: observed), to: current) else {
                continue
            }
            asked = current
            trigger.request("process state changed: \(change)")
        }
    }

    /// `pool/bot` → `STATE pid` of the bots in running pools, as `processStates()` reads them.
    public static func states(of observed: ObservedState) -> [String: String] {
        var states: [String: String] = [:]
        for pool in observed.pools where pool.container == .running {
            for bot in pool.bots { states["\(pool.name)/\(bot.id.name)"] = state(bot.process, pid: bot.pid) }
        }
        return states
    }

    public static func state(_ process: ProcessState, pid: Int?) -> String {
        "\(process.rawValue) \(pid ?? 0)"
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
