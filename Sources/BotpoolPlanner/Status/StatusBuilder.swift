import BotpoolManifest

struct StatusBuilder {
    let desired: DesiredState
    let observed: ObservedState
    let now: Timestamp
    let plan: Plan

    private struct Found {
        var pool: ObservedPool
        var program: ObservedBot
    }

    func build() -> [BotStatus] {
        // A bot found twice (mid-move) is shown where the planner keeps it: a pool of its class
        // first, then the copy an operator moved last.
        let wantedClass = Dictionary(desired.bots.map { ($0.id, $0.spec.poolClass) }, uniquingKeysWith: { first, _ in first })
        let rank = { (pool: ObservedPool, program: ObservedBot) in
            (pool.poolClass == wantedClass[program.id] ? 1 : 0, program.movedAt ?? 0)
        }
        var found: [BotID: Found] = [:]
        for pool in observed.pools.sorted(by: { $0.name < $1.name }) {
            for program in pool.bots {
                if let seen = found[program.id], rank(seen.pool, seen.program) >= rank(pool, program) { continue }
                found[program.id] = Found(pool: pool, program: program)
            }
        }
        let pending = Dictionary(plan.pending.map { ($0.bot, $0.reason) }, uniquingKeysWith: { first, _ in first })
        let waiting = Dictionary(plan.backOff.map { ($0.bot, $0) }, uniquingKeysWith: { first, _ in first })
        var statuses: [BotStatus] = []
        for bot in desired.bots {
            var status = BotStatus(bot: bot.id, phase: .pending, restarts: observed.restarts[bot.id]?.count ?? 0)
            if let here = found[bot.id] {
                status.pool = here.pool.name
                status.port = here.pool.port(slot: here.program.slot)
                status.lastExitStatus = here.program.exitStatus
                describe(&status, bot: bot, pool: here.pool, program: here.program, waiting: waiting[bot.id])
            } else if bot.spec.state == .stopped {
                status.phase = .stopped
            } else {
                status.reason = pending[bot.id] ?? "waiting for placement"
            }
            statuses.append(status)
        }
        for id in desired.frozenBots.sorted() {
            let here = found[id]
            let why = desired.frozenReasons[id].map { "manifest invalid (\($0)); left as it runs" }
            statuses.append(BotStatus(
                bot: id, phase: .frozen, reason: why ?? "manifest invalid; left as it runs",
                pool: here?.pool.name, port: here.map { $0.pool.port(slot: $0.program.slot) }
            ))
        }
        statuses += unreadableBots(found: found)
        let waits = Dictionary(plan.disruptions.map { ($0.bot, $0) }, uniquingKeysWith: { first, _ in first })
        let shown = Set(statuses.map(\.bot))
        for id in waits.keys.sorted() where !shown.contains(id) {
            guard let here = found[id] else { continue }
            statuses.append(BotStatus(bot: id, phase: .terminating, pool: here.pool.name,
                                      port: here.pool.port(slot: here.program.slot)))
        }
        return statuses.map { status in
            var status = held(status, found: found[status.bot])
            status.trading = observed.trading[status.bot]
            if let wait = waits[status.bot] {
                status.disruption = wait
                status.reason = status.reason ?? wait.reason
            }
            return status
        }.sorted { $0.bot < $1.bot }
    }

    /// Every bot seen in a held pool shows the hold, whatever its manifest or process says: nothing
    /// is known of it until the hold lifts. A frozen bot keeps its own reason after the hold's.
    private func held(_ status: BotStatus, found: Found?) -> BotStatus {
        guard let hold = found?.pool.hold else { return status }
        var status = status
        let frozen = status.phase == .frozen ? status.reason : nil
        switch hold.reason {
        case .nodeLost: status.phase = .nodeLost
        case .poolStarting: status.phase = .starting
        }
        status.reason = [hold.message, frozen].compactMap(\.self).joined(separator: "; ")
        status.nextRetryAt = nil
        return status
    }

    /// Running bots that no valid document declares while some file cannot be read: their
    /// manifest may be in that file, so they are left as they run (the planner removes none)
    /// and shown Frozen with the error of the file they last came from, or of every such file.
    private func unreadableBots(found: [BotID: Found]) -> [BotStatus] {
        guard desired.hasUnattributedErrors else { return [] }
        let declared = Set(desired.bots.map(\.id)).union(desired.frozenBots)
        return found.keys.filter { !declared.contains($0) }.sorted().map { id in
            let here = found[id]
            let file = desired.lastKnownFiles[id]
            let own = desired.unattributedErrors.filter { error in file.map { error.hasPrefix($0 + ":") } ?? false }
            let errors = (own.isEmpty ? desired.unattributedErrors : own).prefix(3).joined(separator: "; ")
            return BotStatus(
                bot: id, phase: .frozen,
                reason: "manifest unreadable (\(errors.isEmpty ? "unknown error" : errors)); left as it runs",
                pool: here?.pool.name, port: here.map { $0.pool.port(slot: $0.program.slot) }
            )
        }
    }

    private func describe(
        _ status: inout BotStatus, bot: DesiredBot, pool: ObservedPool, program: ObservedBot, waiting: BackOffWait?
    ) {
        if pool.container != .running {
            status.phase = bot.spec.state == .stopped ? .stopped : .unhealthy
            status.reason = "pool container \(pool.container.rawValue)"
            return
        }
        if bot.spec.state == .stopped {
            status.phase = .stopped
            if [.running, .starting, .backoff].contains(program.process) { status.reason = "stopping" }
            return
        }
        let exit = program.exitStatus.map { ": exit \($0)" } ?? ""
        switch program.process {
        case .running:
            running(&status, bot: bot, program: program)
        case .starting, .backoff:
            status.phase = .starting
            status.reason = "process \(program.process.rawValue)"
        case .stopped:
            status.phase = .starting
            status.reason = "process STOPPED; start planned"
        case .stopping, .unknown:
            status.phase = .unhealthy
            status.reason = "process \(program.process.rawValue)"
        case .exited, .fatal:
            status.reason = "process \(program.process.rawValue)\(exit)"
            if let waiting {
                status.phase = .crashLoopBackOff
                status.nextRetryAt = waiting.nextRetryAt
            } else if PlanBuilder.policyRestarts(bot.spec.restartPolicy, process: program.process, exitStatus: program.exitStatus) {
                status.phase = .crashLoopBackOff
                status.nextRetryAt = now
            } else {
                status.phase = program.process == .exited && program.exitStatus == 0 ? .completed : .failed
            }
        }
    }

    private func running(_ status: inout BotStatus, bot: DesiredBot, program: ObservedBot) {
        guard let check = bot.spec.health else {
            status.phase = .running
            return
        }
        let reading = ProbeReading(check: check, health: observed.health[bot.id], startedAt: program.startedAt, now: now)
        if reading.failing {
            status.phase = .unhealthy
            status.reason = reading.failures
        } else if reading.awaitingFirstSuccess {
            status.phase = .starting
            status.reason = "waiting for the first successful probe"
        } else {
            status.phase = .running
            status.reason = reading.failures
        }
    }
}
