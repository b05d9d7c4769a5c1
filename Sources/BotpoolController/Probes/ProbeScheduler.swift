import AsyncAlgorithms
import BotpoolManifest
import BotpoolPlanner
import Foundation
import Logging

/// Runs each bot's HTTP probe on its own period, a bounded number at a time, and keeps the
/// results in memory for the planner. When a bot turns healthy or crosses its failure
/// threshold, `onChange` asks for a reconcile pass.
public actor ProbeScheduler {
    public typealias Probe = @Sendable (_ target: ProbeTarget) async -> Bool

    private let probe: Probe
    private let limit: ConcurrencyLimit
    private let onChange: @Sendable (_ reason: String) -> Void
    private var targets = WatchedTargets<ProbeTarget>()
    private var history: [BotID: HealthHistory] = [:]
    private var generations: [BotID: String] = [:]
    private let started: AsyncStream<ProbeTarget>
    private let startContinuation: AsyncStream<ProbeTarget>.Continuation
    private let clock: @Sendable () -> Timestamp

    public init(
        concurrency: Int = 32,
        clock: @escaping @Sendable () -> Timestamp = { Date().timeIntervalSince1970 },
        probe: @escaping Probe,
        onChange: @escaping @Sendable (_ reason: String) -> Void
    ) {
        self.probe = probe
        self.limit = ConcurrencyLimit(concurrency)
        self.onChange = onChange
        self.clock = clock
        (started, startContinuation) = AsyncStream.makeStream()
    }

    /// The probe results the planner sees.
    public func health() -> [BotID: HealthHistory] { history }

    /// Replaces the set of probed bots. A bot whose target changed starts over (new process:
    /// forget its history); bots no longer listed stop being probed.
    public func update(_ newTargets: [ProbeTarget]) {
        let change = targets.replace(with: newTargets)
        for id in change.gone { history[id] = nil }
        for id in change.newProcess { history[id] = HealthHistory() }
        change.started.forEach { startContinuation.yield($0) }
    }

    /// Runs until cancelled: one child task per target, each ending when its target changes.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for await target in started {
                group.addTask { await self.loop(target) }
            }
        }
    }

    private func loop(_ target: ProbeTarget) async {
        if target.initialDelaySeconds > 0 {
            try? await Task.sleep(for: .seconds(target.initialDelaySeconds))
        }
        guard isCurrent(target) else { return }
        await probeOnce(target)
        // A process that just started usually is not listening yet at the first probe. Until it
        // answers once, probe every second (a startup probe), so it shows Running in a second
        // rather than a whole period later. A failure counts against the threshold only once a
        // period, as without the extra probes: a bot gets failureThreshold x periodSeconds to
        // start, not failureThreshold seconds (on a loaded host a fresh pool's bots were
        // restarted 4 s after they started).
        if target.periodSeconds > 1 {
            var second = 0
            for await _ in AsyncTimerSequence(interval: .seconds(1), clock: .continuous) {
                guard isCurrent(target), history[target.bot]?.lastSuccessAt == nil,
                      (history[target.bot]?.consecutiveFailures ?? 0) < target.failureThreshold
                else { break }
                second += 1
                await probeOnce(target, countFailure: second % target.periodSeconds == 0)
            }
        }
        guard isCurrent(target) else { return }
        let ticks = AsyncTimerSequence(interval: .seconds(max(1, target.periodSeconds)), clock: .continuous)
        for await _ in ticks {
            guard isCurrent(target) else { return }
            await probeOnce(target)
        }
    }

    private func isCurrent(_ target: ProbeTarget) -> Bool {
        targets.isCurrent(target)
    }

    private func probeOnce(_ target: ProbeTarget, countFailure: Bool = true) async {
        let probe = probe
        let healthy = await limit.run { await probe(target) }
        if healthy || countFailure { record(target, healthy: healthy) }
    }

    /// Folds one result into the bot's history; signals a pass on the transitions that matter.
    func record(_ target: ProbeTarget, healthy: Bool) {
        guard isCurrent(target) else { return }
        var entry = history[target.bot] ?? HealthHistory()
        let wasHealthy = entry.lastSuccessAt != nil && entry.consecutiveFailures == 0
        if healthy {
            entry.consecutiveFailures = 0
            entry.lastSuccessAt = clock()
            history[target.bot] = entry
            if !wasHealthy { onChange("probe of \(target.bot) succeeded") }
        } else {
            entry.consecutiveFailures += 1
            history[target.bot] = entry
            if entry.consecutiveFailures == target.failureThreshold {
                onChange("probe of \(target.bot) failed \(target.failureThreshold)/\(target.failureThreshold)")
            }
        }
    }
}
