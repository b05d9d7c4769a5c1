import BotpoolManifest

extension PlanBuilder {
    /// Applies the mass-delete guard, orders the actions and resolves their dependencies.
    mutating func finish() -> Plan {
        let requests = settleDrains()
        let actions = ordered()
        var plan = Plan(
            actions: actions,
            warnings: warnings,
            pending: pending.sorted { $0.bot < $1.bot },
            backOff: backOff.sorted { $0.bot < $1.bot },
            restartHistory: restartHistory
        )
        plan.disruptions = disruptions.sorted { $0.bot < $1.bot }
        plan.drains = drains
        plan.requests = requests
        let removing = drafts.filter(\.removesRunningBot).count
        if removing > 0, !options.allowMassDelete {
            let running = observed.pools.reduce(0) { sum, pool in
                sum + pool.bots.filter(\.process.isRunningForGuard).count
            }
            if removing * 2 > running {
                plan.refused = "would remove \(removing) of \(running) running bots (more than half); "
                    + "nothing changed, rerun with --allow-mass-delete if this is intended"
                plan.refusedActions = actions
                plan.actions = []
                plan.restartHistory = observed.restarts
                plan.drains = observed.drains
                plan.requests = observed.requests
            }
        }
        return plan
    }

    /// Removals first (they free slots and stop what must not run), then stops, then pool
    /// creation and replacement, then bot actions, then empty-pool removal; within a step by pool
    /// name and slot. A bot action waits for its pool's creation or replacement.
    private func ordered() -> [Action] {
        guard !drafts.isEmpty else { return [] }
        var poolRank = Array(repeating: 0, count: books.count)
        for (rank, book) in books.indices.sorted(by: { books[$0].target.name < books[$1].target.name }).enumerated() {
            poolRank[book] = rank
        }
        // Each draft's key once: a map of ranks hashed, and drafts copied, per comparison cost
        // a tenth of a 110,000-action plan.
        let keys = drafts.map { (Self.step($0.action.kind), poolRank[$0.book], $0.action.slot ?? -1) }
        let order = drafts.indices.sorted { lhs, rhs in
            if keys[lhs] != keys[rhs] { return keys[lhs] < keys[rhs] }
            return lhs < rhs
        }
        var id = Array(repeating: 0, count: drafts.count)
        var setup: [Int: Int] = [:]
        for (position, draft) in order.enumerated() {
            id[draft] = position
            let kind = drafts[draft].action.kind
            if kind == .createPool || kind == .replacePool { setup[drafts[draft].book] = position }
        }
        return order.map { index in
            let draft = drafts[index]
            var action = draft.action
            action.id = id[index]
            var after = draft.after.map { id[$0] }
            if Self.step(action.kind) == 3, let pool = setup[draft.book] { after.append(pool) }
            action.dependsOn = after.sorted()
            return action
        }
    }

    private static func step(_ kind: Action.Kind) -> Int {
        switch kind {
        case .removeBot: 0
        case .stopBot: 1
        case .createPool, .replacePool: 2
        case .placeBot, .updateBot, .startBot, .restartBot, .drainBot, .resumeBot: 3
        case .removePool: 4
        }
    }
}
