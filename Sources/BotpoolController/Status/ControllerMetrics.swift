import Prometheus
import Synchronization

/// The controller's Prometheus metrics, on a registry of its own (no global bootstrap, so
/// tests and several controllers in one process do not collide).
public final class ControllerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let passDuration: DurationHistogram
    /// The per-pool gauges set by the last scrape, so a pool that goes stops being reported.
    private let poolGauges = Mutex<[String: [Gauge]]>([:])

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        passDuration = registry.makeDurationHistogram(
            descriptor: Self.name("pass_duration", unit: "seconds",
                                  help: "Wall time of one reconcile pass (observe, plan, execute)."),
            buckets: [.milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                      .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30)]
        )
    }

    public func recordPass(duration: Duration) {
        passDuration.record(duration)
    }

    /// `botpool_leader`: 1 while this controller leads, 0 while it follows (elected controllers only).
    public func setLeader(_ leading: Bool) {
        registry.makeGauge(descriptor: Self.name("leader", help: "1 while this controller is the elected leader, else 0."))
            .set(leading ? 1.0 : 0.0)
    }

    public func setPools(_ count: Int) {
        registry.makeGauge(descriptor: Self.name("pools", help: "Pool containers observed in the last pass.")).set(Double(count))
    }

    /// Bots per phase; every known phase is set so that a phase that empties drops to 0.
    public func setBots(byPhase counts: [String: Int], knownPhases: [String]) {
        for phase in Set(knownPhases).union(counts.keys).sorted() {
            registry.makeGauge(descriptor: Self.name("bots", help: "Bots by phase."), labels: [("phase", phase)])
                .set(Double(counts[phase] ?? 0))
        }
    }

    public func recordRestart(tenant: String, bot: String) {
        registry.makeCounter(descriptor: Self.name("restarts", unit: "total", help: "Bot restarts made by the controller."),
                             labels: [("tenant", tenant), ("bot", bot)]).increment()
    }

    public func recordAction(kind: String, succeeded: Bool) {
        registry.makeCounter(descriptor: Self.name("actions", unit: "total", help: "Plan actions executed, by kind and result."),
                             labels: [("kind", kind), ("result", succeeded ? "success" : "failure")]).increment()
    }

    /// Latency of one call to an outside system (`docker`, `supervisord`, `probe`).
    public func recordCall(system: String, seconds: Double) {
        registry.makeValueHistogram(
            descriptor: Self.name("call_duration", unit: "seconds", help: "Latency of calls to Docker, supervisord and probes."),
            labels: [("system", system)],
            buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
        ).record(seconds)
    }

    /// Memory of each measured pool (`PoolMemorySampler`); gauges of pools not in `samples`
    /// are removed, so a deleted or stopped pool does not report its last value forever.
    public func setPoolMemory(_ samples: [String: PoolMemory], pools: [PoolView]) {
        poolGauges.withLock { gauges in
            var current: [String: [Gauge]] = [:]
            for pool in pools {
                guard let sample = samples[pool.name] else { continue }
                let labels = [("pool", pool.name), ("class", pool.poolClass), ("tenant", pool.tenant)]
                let pss = registry.makeGauge(
                    descriptor: Self.name("pool_memory_pss", unit: "bytes",
                                          help: "Summed PSS of every process in the pool container, measured at scrape time."),
                    labels: labels)
                let processes = registry.makeGauge(
                    descriptor: Self.name("pool_processes", help: "Processes in the pool container, measured at scrape time."),
                    labels: labels)
                pss.set(Double(sample.pssBytes))
                processes.set(Double(sample.processes))
                current[pool.name] = [pss, processes]
            }
            for (pool, stale) in gauges where current[pool] == nil {
                stale.forEach(registry.unregisterGauge)
            }
            gauges = current
        }
    }

    private static func name(_ metric: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "botpool", metricName: metric, unitName: unit, helpText: help)
    }

    public func render() -> String {
        registry.emitToString()
    }
}
