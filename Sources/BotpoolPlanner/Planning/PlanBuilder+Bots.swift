import BotpoolManifest

/// A desired bot that needs a slot, and where it runs now if it is moving.
struct Homeless {
    var bot: DesiredBot
    var from: Location?
}

extension PlanBuilder {
    /// Keeps every well-placed bot where it is (acting on its process), removes strays and
    /// duplicates, and returns the bots that need a slot.
    mutating func settleBots() -> [Homeless] {
        var homeless: [Homeless] = []
        for (index, bot) in desired.bots.enumerated() {
            guard let location = locations[index] else {
                if bot.spec.state == .running { homeless.append(Homeless(bot: bot)) }
                continue
            }
            // A bot in a held pool stays there, untouched, even when misplaced: its data is there.
            if books[location.book].hold != nil { continue }
            if let misplaced = location.misplaced, bot.spec.state == .running,
               mayDisrupt(bot, program: program(at: location), book: location.book, change: "move (\(misplaced))") {
                homeless.append(Homeless(bot: bot, from: location))
            } else {
                tend(bot, at: location)
            }
        }
        for duplicate in duplicates where books[duplicate.book].hold == nil {
            let copy = program(at: duplicate)
            let kept = location(of: copy.id).map { books[$0.book].target.name } ?? "?"
            append(.removeBot, book: duplicate.book, bot: copy.id, slot: copy.slot,
                   reason: "duplicate: the bot also runs in pool \(kept)", deleteData: false)
        }
        // A stray in a held pool is removed once the pool's node is back.
        for stray in strays where books[stray.book].hold == nil { removeStray(stray) }
        return homeless
    }

    private mutating func removeStray(_ stray: Location) {
        let program = program(at: stray)
        guard !desired.hasUnattributedErrors else {
            warnings.append("bot \(program.id) in pool \(books[stray.book].target.name) has no manifest; "
                + "kept because some manifests could not be read")
            return
        }
        // The policy its manifest declared, as the controller remembers it: a WhenFlat or Manual
        // bot's removal waits like any other change that stops it.
        if let policy = observed.policies[program.id], policy.policy != .always {
            guard mayDisrupt(program.id, policy: policy, program: program, book: stray.book,
                             change: "removal (manifest removed)") else { return }
        }
        let deleteData = program.deletionPolicy == .delete
        append(.removeBot, book: stray.book, bot: program.id, slot: program.slot,
               reason: deleteData ? "manifest removed (deletionPolicy Delete: data deleted)" : "manifest removed (data kept)",
               deleteData: deleteData, removesRunningBot: program.process.isRunningForGuard)
    }

    /// Brings a bot that stays in its pool to its desired spec and state.
    mutating func tend(_ bot: DesiredBot, at location: Location) {
        let program = program(at: location)
        let book = location.book
        let alive = books[book].container == .running && !replacing.contains(book)
        // A dead pool that cannot be replaced (it holds a frozen bot) is left exactly as it is.
        if books[book].container != .running, !replacing.contains(book) { return }
        if program.fingerprint != bot.fingerprint {
            let changes = program.fingerprint.map { bot.fingerprint.changes(from: $0).joined(separator: ", ") }
            let reason = changes.map { "spec hash changed: \($0)" } ?? "spec hash unknown"
            guard mayDisrupt(bot, program: program, book: book, change: "update (\(reason))") else { return }
            append(.updateBot, book: book, bot: bot.id, slot: program.slot, reason: reason)
            restartHistory[bot.id] = nil
            return
        }
        // Replacing a pool restarts every program in it.
        guard alive else { return }
        switch (bot.spec.state, program.process) {
        case (.stopped, .running), (.stopped, .starting), (.stopped, .backoff):
            guard mayDisrupt(bot, program: program, book: book, change: "stop (spec.state stopped)") else { return }
            append(.stopBot, book: book, bot: bot.id, slot: program.slot, reason: "spec.state stopped")
        case (.running, .stopped):
            append(.startBot, book: book, bot: bot.id, slot: program.slot, reason: "spec.state running, process STOPPED")
        case (.running, .exited), (.running, .fatal):
            let exit = program.exitStatus.map { ": exit \($0)" } ?? ""
            recover(bot, at: location, cause: "process \(program.process.rawValue)\(exit)")
        case (.running, .running):
            if let failure = probeFailure(of: bot, program: program) {
                recover(bot, at: location, cause: failure)
            } else if let request = activeRequest(bot.id, program: program), request.kind == .restart {
                let asked = request.force ? "restart requested (--force)" : "restart requested"
                guard mayDisrupt(bot, program: program, book: book, change: "restart (\(asked))") else { return }
                append(.restartBot, book: book, bot: bot.id, slot: program.slot, reason: asked)
            } else {
                forgetRestartsIfHealthy(bot, program: program)
            }
        default:
            return
        }
    }

    /// "probe failed 3/3" once the probe has failed failureThreshold times after the initial delay.
    func probeFailure(of bot: DesiredBot, program: ObservedBot) -> String? {
        guard let check = bot.spec.health, let health = observed.health[bot.id] else { return nil }
        let reading = ProbeReading(check: check, health: health, startedAt: program.startedAt, now: now)
        return reading.failing ? reading.failures : nil
    }

    /// Restarts a failed bot if its policy allows and its back-off has expired.
    private mutating func recover(_ bot: DesiredBot, at location: Location, cause: String) {
        let program = program(at: location)
        guard Self.policyRestarts(bot.spec.restartPolicy, process: program.process, exitStatus: program.exitStatus) else {
            return
        }
        let history = observed.restarts[bot.id]
        if let history, now < history.nextRetryAt {
            backOff.append(BackOffWait(bot: bot.id, nextRetryAt: history.nextRetryAt,
                                       lastExitStatus: program.exitStatus, reason: cause))
            return
        }
        append(.restartBot, book: location.book, bot: bot.id, slot: program.slot, reason: cause)
        restartHistory[bot.id] = RestartHistory.after(history, restartAt: now)
    }

    /// Always restarts on any exit; OnFailure on a non-zero exit, FATAL or a failed probe; Never never.
    static func policyRestarts(_ policy: RestartPolicy, process: ProcessState, exitStatus: Int?) -> Bool {
        switch policy {
        case .always: return true
        case .never: return false
        case .onFailure: return process != .exited || (exitStatus ?? 1) != 0
        }
    }

    private mutating func forgetRestartsIfHealthy(_ bot: DesiredBot, program: ObservedBot) {
        guard let history = restartHistory[bot.id] else { return }
        if (observed.health[bot.id]?.consecutiveFailures ?? 0) > 0 { return }
        let since = program.startedAt ?? history.lastRestartAt
        if now - since >= Planner.backOffResetSeconds { restartHistory[bot.id] = nil }
    }
}
