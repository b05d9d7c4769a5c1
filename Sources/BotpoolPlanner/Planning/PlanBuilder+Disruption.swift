import BotpoolManifest

extension PlanBuilder {
    /// Whether `change` may stop the running bot now, by its `spec.disruption` and what its API
    /// said. When it may not, the bot keeps running and its wait is noted; a WhenFlat bot that
    /// still takes entries gets a `drainBot` first. Asked once per bot per pass: a move and an
    /// update of one bot wait (or go) together.
    mutating func mayDisrupt(_ bot: DesiredBot, program: ObservedBot, book: Int, change: String) -> Bool {
        mayDisrupt(bot.id, policy: bot.spec.disruption, program: program, book: book, change: change)
    }

    /// The same for a bot known by its id and policy: one whose manifest is gone.
    mutating func mayDisrupt(_ id: BotID, policy: Disruption, program: ObservedBot, book: Int, change: String) -> Bool {
        if let verdict = disruptionVerdicts[id] { return verdict }
        let verdict = decideDisruption(id, policy: policy, program: program, book: book, change: change)
        disruptionVerdicts[id] = verdict
        return verdict
    }

    /// The operator's request for a bot, while its process has not started since.
    func activeRequest(_ id: BotID, program: ObservedBot) -> OperatorRequest? {
        guard let request = observed.requests[id] else { return nil }
        if let started = program.startedAt, started >= request.at { return nil }
        return request
    }

    private mutating func decideDisruption(
        _ id: BotID, policy: Disruption, program: ObservedBot, book: Int, change: String
    ) -> Bool {
        let request = activeRequest(id, program: program)
        if request?.force == true { return true }
        // A process that is not up holds nothing to protect, and a dead pool stops it anyway.
        guard program.process.isRunningForGuard, books[book].container == .running else { return true }
        let previous = observed.drains[id]
        let trading = observed.trading[id]
        switch policy.policy {
        case .always:
            return true
        case .manual:
            if request != nil { return true }
            let since = previous?.since ?? now
            drains[id] = DrainRecord(since: since)
            disruptions.append(DisruptionWait(
                bot: id, condition: .waitingForRollout, change: change, openTrades: trading?.openTrades, since: since,
                reason: "\(change) waits for `botpool rollout \(id)`"
            ))
            return false
        case .whenFlat:
            var record = previous ?? DrainRecord(since: now)
            if Self.isFlat(trading, since: record.since) { return true }
            // Pausing a stopped FreqTrade starts its trader, so only a running one is told.
            if trading?.state == "running" {
                append(.drainBot, book: book, bot: id, slot: program.slot, reason: "no new entries before \(change)")
                record.stoppedEntries = true
            }
            drains[id] = record
            let timedOut = now - record.since > Double(policy.drainTimeoutSeconds)
            disruptions.append(DisruptionWait(
                bot: id, condition: timedOut ? .waitingForFlat : .draining, change: change,
                openTrades: trading?.openTrades, since: record.since,
                reason: "\(change) " + Self.waitReason(trading)
                    + (timedOut ? "; past drainTimeout \(DurationText.of(Double(policy.drainTimeoutSeconds))), "
                        + "`botpool restart \(id) --force` overrides" : "")
            ))
            return false
        }
    }

    /// No open trade, read after the wait began, from a bot that takes no new entries.
    static func isFlat(_ trading: TradingState?, since: Timestamp) -> Bool {
        guard let trading, trading.openTrades == 0, let at = trading.openTradesAt, at >= since else { return false }
        return trading.state != "running"
    }

    /// "waits for 2 open trades"; "waits for the open trade count" while no zero was read since the wait began.
    static func waitReason(_ trading: TradingState?) -> String {
        guard let trading else { return "waits for the bot's API to be read" }
        let stopped = trading.state == "stopped" ? " (the trader is stopped: they are not managed)" : ""
        if let count = trading.openTrades, count > 0 {
            return "waits for \(count) open trade\(count == 1 ? "" : "s")\(stopped)"
        }
        let problem = trading.problem.map { ": \($0)" } ?? ""
        if trading.state == "running" { return "waits for new entries to stop\(problem)" }
        return "waits for the open trade count\(problem)"
    }

    /// Drains whose change went away (the manifest edit was reverted): entries start again.
    /// Rollout requests with nothing to roll out are dropped, as are requests acted on.
    mutating func settleDrains() -> [BotID: OperatorRequest] {
        for (id, record) in observed.drains.sorted(by: { $0.key < $1.key }) where disruptionVerdicts[id] == nil {
            guard record.stoppedEntries, let location = location(of: id), books[location.book].container == .running,
                  program(at: location).process == .running, observed.trading[id]?.state == "paused" else { continue }
            append(.resumeBot, book: location.book, bot: id, slot: program(at: location).slot,
                   reason: "the change it drained for is gone")
        }
        var requests: [BotID: OperatorRequest] = [:]
        for (id, request) in observed.requests {
            guard let location = location(of: id), activeRequest(id, program: program(at: location)) != nil else { continue }
            if request.kind == .rollout, disruptionVerdicts[id] == nil { continue }
            requests[id] = request
        }
        return requests
    }
}
