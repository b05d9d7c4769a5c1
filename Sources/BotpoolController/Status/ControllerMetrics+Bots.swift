import BotpoolPlanner
import Prometheus

/// The series one bot has whatever it runs: its phase and its restarts.
struct BotSeries {
    var phase: Gauge
    var restarts: Counter
}

extension ControllerMetrics {
    /// `botpool_bots{phase}` (every phase, 0 when none) and, per bot, `botpool_bot_phase` (one
    /// series, 1, labelled with the phase it is in; the series of its last phase goes when the
    /// phase changes) and `botpool_restarts_total` (made at 0, so `increase()` sees a bot's
    /// first restart). A bot that goes stops being reported.
    ///
    /// One phase series per bot, not one per phase with zeros: swift-prometheus copies a
    /// family's series each time it adds one, so 12 series per bot made the first pass at 1,000
    /// bots spend 1.2 s of CPU here, and it grows with the square of the bots.
    public func setBots(_ bots: [BotView]) {
        let phases = BotPhase.allCases.map(\.rawValue)
        let counts = Dictionary(grouping: bots, by: \.phase).mapValues(\.count)
        for phase in Set(phases).union(counts.keys).sorted() {
            registry.makeGauge(descriptor: Self.name("bots", help: "Bots by phase."), labels: [("phase", phase)])
                .set(Double(counts[phase] ?? 0))
        }
        botSeries.withLock { series in
            var current: [String: BotSeries] = [:]
            for bot in bots {
                let labels = [("tenant", bot.tenant), ("bot", bot.name)]
                let gauge = registry.makeGauge(
                    descriptor: Self.name("bot_phase", help: "1, labelled with the phase the bot is in (Running is ready)."),
                    labels: labels + [("phase", bot.phase)])
                gauge.set(1.0)
                current["\(bot.tenant)/\(bot.name)"] = BotSeries(phase: gauge, restarts: restarts(tenant: bot.tenant, bot: bot.name))
            }
            for (key, old) in series {
                if current[key]?.phase !== old.phase { registry.unregisterGauge(old.phase) }
                if current[key] == nil { registry.unregisterCounter(old.restarts) }
            }
            series = current
        }
    }

    private func restarts(tenant: String, bot: String) -> Counter {
        registry.makeCounter(descriptor: Self.name("restarts", unit: "total", help: "Bot restarts made by the controller."),
                             labels: [("tenant", tenant), ("bot", bot)])
    }

    public func recordRestart(tenant: String, bot: String) {
        restarts(tenant: tenant, bot: bot).increment()
    }

    /// The conditions of a change that waits for its bot (`DisruptionWait.Condition`).
    static let waitingConditions = Set(DisruptionWait.Condition.allCases.map(\.rawValue))

    static let tradingStates: Set<String> = ["running", "paused", "stopped"]

    /// `botpool_bot_open_trades`, `botpool_bot_trading_state` (1 for the state the bot is in)
    /// and `botpool_bot_last_process_timestamp_seconds` of each FreqTrade bot whose API has said
    /// them, and `botpool_bot_change_waiting_since_timestamp_seconds` of a bot a change waits
    /// for; a bot that goes (or stops answering that field) stops being reported.
    public func setTrading(_ bots: [BotView]) {
        tradingGauges.withLock { gauges in
            var current: [String: [Gauge]] = [:]
            for bot in bots {
                let made = tradingSeries(of: bot)
                if !made.isEmpty { current["\(bot.tenant)/\(bot.name)"] = made }
            }
            Self.unregister(stale: gauges, keeping: current, from: registry)
            gauges = current
        }
    }

    private func tradingSeries(of bot: BotView) -> [Gauge] {
        let labels = [("tenant", bot.tenant), ("bot", bot.name)]
        var made: [Gauge] = []
        if let waiting = bot.conditions.first(where: { $0.status && Self.waitingConditions.contains($0.type) }),
           let since = waiting.since {
            let gauge = registry.makeGauge(
                descriptor: Self.name("bot_change_waiting_since_timestamp", unit: "seconds",
                                      help: "Unix time since a change waits for the bot's disruption policy (condition Draining, WaitingForFlat or WaitingForRollout)."),
                labels: labels + [("condition", waiting.type)])
            gauge.set(since.timeIntervalSince1970)
            made.append(gauge)
        }
        guard let trading = bot.trading else { return made }
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
                descriptor: Self.name("bot_last_process_timestamp", unit: "seconds",
                                      help: "Unix time of a FreqTrade bot's last loop iteration (/health last_process_ts)."),
                labels: labels)
            gauge.set(last.timeIntervalSince1970)
            made.append(gauge)
        }
        return made
    }
}
