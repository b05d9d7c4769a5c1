import BotpoolPlanner
import Prometheus
import Synchronization

/// The controller's Prometheus metrics, on a registry of its own (no global bootstrap, so
/// tests and several controllers in one process do not collide).
public final class ControllerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let passDuration: DurationHistogram
    /// The per-pool gauges set by the last scrape, so a pool that goes stops being reported.
    private let poolGauges = Mutex<[String: [Gauge]]>([:])
    /// The per-bot trading gauges set by the last pass, keyed by `tenant/bot`.
    private let tradingGauges = Mutex<[String: [Gauge]]>([:])

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

    /// `botpool_bot_open_trades`, `botpool_bot_trading_state` (1 for the state the bot is in)
    /// and `botpool_bot_last_process_seconds` of each FreqTrade bot whose API has said them;
    /// a bot that goes (or stops answering that field) stops being reported.
    /// The conditions of a change that waits for its bot (`DisruptionWait.Condition`).
    static let waitingConditions = Set(DisruptionWait.Condition.allCases.map(\.rawValue))

    public func setTrading(_ bots: [BotView]) {
        tradingGauges.withLock { gauges in
            var current: [String: [Gauge]] = [:]
            for bot in bots {
                let labels = [("tenant", bot.tenant), ("bot", bot.name)]
                var made: [Gauge] = []
                if let waiting = bot.conditions.first(where: { $0.status && Self.waitingConditions.contains($0.type) }),
                   let since = waiting.since {
                    let gauge = registry.makeGauge(
                        descriptor: Self.name("bot_change_waiting_since", unit: "seconds",
                                              help: "Unix time since a change waits for the bot's disruption policy (condition Draining, WaitingForFlat or WaitingForRollout)."),
                        labels: labels + [("condition", waiting.type)])
                    gauge.set(since.timeIntervalSince1970)
                    made.append(gauge)
                }
                guard let trading = bot.trading else {
                    if !made.isEmpty { current["\(bot.tenant)/\(bot.name)"] = made }
                    continue
                }
                if let count = trading.openTrades {
                    let gauge = registry.makeGauge(
                        descriptor: Self.name("bot_open_trades", help: "Open trades of a FreqTrade bot (length of its /status)."),
                        labels: labels)
                    gauge.set(Double(count))
                    made.append(gauge)
                }
                if let state = trading.state {
                    for known in Self.tradingStates.union([state]).sorted() {
                        let gauge = registry.makeGauge(
                            descriptor: Self.name("bot_trading_state", help: "1 for the state a FreqTrade bot says it is in (show_config), else 0."),
                            labels: labels + [("state", known)])
                        gauge.set(known == state ? 1.0 : 0.0)
                        made.append(gauge)
                    }
                }
                if let last = trading.lastProcessAt {
                    let gauge = registry.makeGauge(
                        descriptor: Self.name("bot_last_process", unit: "seconds",
                                              help: "Unix time of a FreqTrade bot's last loop iteration (/health last_process_ts)."),
                        labels: labels)
                    gauge.set(last.timeIntervalSince1970)
                    made.append(gauge)
                }
                current["\(bot.tenant)/\(bot.name)"] = made
            }
            for (bot, old) in gauges {
                let kept = Set((current[bot] ?? []).map(ObjectIdentifier.init))
                old.filter { !kept.contains(ObjectIdentifier($0)) }.forEach(registry.unregisterGauge)
            }
            gauges = current
        }
    }

    static let tradingStates: Set<String> = ["running", "paused", "stopped"]

    private static func name(_ metric: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "botpool", metricName: metric, unitName: unit, helpText: help)
    }

    public func render() -> String {
        registry.emitToString()
    }
}
