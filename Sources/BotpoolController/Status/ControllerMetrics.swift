import BotpoolPlanner
import Prometheus
import Synchronization

/// The controller's Prometheus metrics, on a registry of its own (no global bootstrap, so
/// tests and several controllers in one process do not collide).
///
/// Names follow Prometheus conventions: counters end in `_total`, times are seconds, sizes bytes,
/// moments `_timestamp_seconds` (Unix time). Every series whose label values are known in advance
/// (phases, action kinds, results, systems, severities) exists from the start at 0, so that a
/// dashboard or an alert finds it on a controller that has not done that thing yet.
/// `ControllerMetrics+Pools` and `ControllerMetrics+Bots` hold the per-pool and per-bot series.
public final class ControllerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let passDuration: DurationHistogram
    /// The per-pool memory gauges set by the last scrape, so a pool that goes stops being reported.
    let poolMemoryGauges = Mutex<[String: [Gauge]]>([:])
    /// The per-pool gauges set by the last pass (bots, memory limit).
    let poolGauges = Mutex<[String: [Gauge]]>([:])
    /// The per-bot phase gauges and restart counter set by the last pass, keyed by `tenant/bot`.
    let botSeries = Mutex<[String: BotSeries]>([:])
    /// The per-bot trading gauges set by the last pass, keyed by `tenant/bot`.
    let tradingGauges = Mutex<[String: [Gauge]]>([:])

    /// The outside systems `recordCall` times.
    public static let callSystems = ["docker", "probe", "supervisord"]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        passDuration = registry.makeDurationHistogram(
            descriptor: Self.name("pass_duration", unit: "seconds",
                                  help: "Wall time of one reconcile pass (observe, plan, execute)."),
            buckets: [.milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                      .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30)]
        )
        buildInfo.set(1.0)
        lastSuccessfulPass.set(0.0)
        _ = passes(succeeded: true)
        _ = passes(succeeded: false)
        for kind in Action.Kind.allCases {
            _ = actions(kind: kind.rawValue, succeeded: true)
            _ = actions(kind: kind.rawValue, succeeded: false)
        }
        setPlanned([])
        setDiagnostics(errors: 0, warnings: 0)
        for system in Self.callSystems { _ = callDuration(system: system) }
        registry.makeGauge(descriptor: Self.poolsName).set(0.0)
        setBots([])
    }

    // MARK: the controller

    private var buildInfo: Gauge {
        registry.makeGauge(descriptor: Self.name("build_info", help: "Always 1; the labels say which botpool this is."),
                           labels: [("version", BuildInfo.version)])
    }

    /// `botpool_leader`: 1 while this controller leads, 0 while it follows (elected controllers only).
    public func setLeader(_ leading: Bool) {
        registry.makeGauge(descriptor: Self.name("leader", help: "1 while this controller is the elected leader, else 0."))
            .set(leading ? 1.0 : 0.0)
    }

    // MARK: passes

    private var lastSuccessfulPass: Gauge {
        registry.makeGauge(descriptor: Self.name(
            "last_successful_pass_timestamp", unit: "seconds",
            help: "Unix time the last reconcile pass that completed finished (0: none yet)."))
    }

    private func passes(succeeded: Bool) -> Counter {
        registry.makeCounter(
            descriptor: Self.name("passes", unit: "total",
                                  help: "Reconcile passes, by result: success (completed, whatever its actions did) or failure (nothing could be decided: manifests unreadable, Docker unreachable)."),
            labels: [("result", succeeded ? "success" : "failure")])
    }

    /// A pass that completed, `finishedAt` in Unix time.
    public func recordPass(duration: Duration, finishedAt: Double) {
        passDuration.record(duration)
        passes(succeeded: true).increment()
        lastSuccessfulPass.set(finishedAt)
    }

    /// A pass that threw (it decided nothing).
    public func recordFailedPass() {
        passes(succeeded: false).increment()
    }

    /// What the last pass planned, by kind (every kind, 0 when none): above 0 after a pass is the
    /// drift between the manifests and the world (the actions of a refused plan count too).
    public func setPlanned(_ planned: [Action]) {
        let counts = Dictionary(grouping: planned, by: \.kind).mapValues(\.count)
        for kind in Action.Kind.allCases {
            registry.makeGauge(
                descriptor: Self.name("planned_actions",
                                      help: "Actions the last pass planned, by kind (those of a refused plan included): the drift between manifests and world, 0 once converged."),
                labels: [("kind", kind.rawValue)]
            ).set(Double(counts[kind] ?? 0))
        }
    }

    private func actions(kind: String, succeeded: Bool) -> Counter {
        registry.makeCounter(descriptor: Self.name("actions", unit: "total", help: "Plan actions executed, by kind and result."),
                             labels: [("kind", kind), ("result", succeeded ? "success" : "failure")])
    }

    public func recordAction(kind: String, succeeded: Bool) {
        actions(kind: kind, succeeded: succeeded).increment()
    }

    /// Problems the last pass found in the manifests. An error freezes the bots of its document
    /// (or, when it cannot say whose, stops every removal) until it is fixed.
    public func setDiagnostics(errors: Int, warnings: Int) {
        let descriptor = Self.name("manifest_diagnostics",
                                   help: "Problems the last pass found in the manifests, by level (error, warning); an error freezes bots.")
        // `level`, not `severity`: alert rules set `severity` themselves.
        registry.makeGauge(descriptor: descriptor, labels: [("level", "error")]).set(Double(errors))
        registry.makeGauge(descriptor: descriptor, labels: [("level", "warning")]).set(Double(warnings))
    }

    // MARK: calls

    private func callDuration(system: String) -> ValueHistogram {
        registry.makeValueHistogram(
            descriptor: Self.name("call_duration", unit: "seconds", help: "Latency of calls to Docker, supervisord and probes."),
            labels: [("system", system)],
            buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
        )
    }

    /// Latency of one call to an outside system (`callSystems`).
    public func recordCall(system: String, seconds: Double) {
        callDuration(system: system).record(seconds)
    }

    static func name(_ metric: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "botpool", metricName: metric, unitName: unit, helpText: help)
    }

    static var poolsName: MetricNameDescriptor { name("pools", help: "Pool containers observed in the last pass.") }

    public func render() -> String {
        registry.emitToString()
    }
}
