import BotpoolManifest
@testable import BotpoolPlanner

/// What must hold at every step of every run; each check returns the violations it found.
enum Invariants {
    /// No two programs share a port; dedicated pools hold one tenant; no pool over maxBots or memoryLimit.
    static func state(_ state: ObservedState, _ desired: DesiredState) -> [String] {
        var problems: [String] = []
        var ports: [Int: String] = [:]
        let memory = Dictionary(uniqueKeysWithValues: desired.bots.map { ($0.id, $0.memoryBytes) })
        for pool in state.pools {
            for bot in pool.bots {
                let port = pool.port(slot: bot.slot)
                if let other = ports[port] { problems.append("port \(port): \(other) and \(bot.id)") }
                ports[port] = "\(bot.id)"
                if let tenant = pool.tenant, bot.id.tenant != tenant {
                    problems.append("pool \(pool.name) of \(tenant) holds \(bot.id)")
                }
            }
            guard let spec = desired.poolClasses[pool.poolClass] else { continue }
            if pool.bots.count > spec.maxBots { problems.append("pool \(pool.name): \(pool.bots.count) > maxBots") }
            let used = pool.bots.reduce(Int64(0)) { $0 + (memory[$1.id] ?? 0) }
            if let limit = spec.memoryLimit, used > limit.bytes { problems.append("pool \(pool.name): memory \(used) > \(limit)") }
        }
        return problems
    }

    /// Healthy, well-placed bots: where they are (pool and slot).
    static func settled(_ state: ObservedState, _ desired: DesiredState) -> [BotID: String] {
        let wanted = Dictionary(uniqueKeysWithValues: desired.bots.map { ($0.id, $0) })
        var settled: [BotID: String] = [:]
        for pool in state.pools where pool.container == .running {
            let spec = desired.poolClasses[pool.poolClass]
            for bot in pool.bots where bot.process == .running {
                guard let want = wanted[bot.id], want.spec.poolClass == pool.poolClass, let spec,
                      (spec.tenancy == .dedicated) == (pool.tenant != nil),
                      (state.health[bot.id]?.consecutiveFailures ?? 0) == 0 else { continue }
                settled[bot.id] = "\(pool.name)#\(bot.slot)"
            }
        }
        return settled
    }

    static func locations(_ state: ObservedState) -> [BotID: [String]] {
        var found: [BotID: [String]] = [:]
        for pool in state.pools {
            for bot in pool.bots { found[bot.id, default: []].append("\(pool.name)#\(bot.slot)") }
        }
        return found
    }

    /// Frozen bots are untouched; nothing is removed past the guard or while manifests are unreadable.
    static func plan(_ plan: Plan, _ state: ObservedState, _ desired: DesiredState, _ options: PlanOptions) -> [String] {
        var problems: [String] = []
        let frozenPools = Set(state.pools.filter { $0.bots.contains { desired.frozenBots.contains($0.id) } }.map(\.name))
        let wanted = Set(desired.bots.map(\.id))
        for action in plan.actions {
            if let bot = action.bot, desired.frozenBots.contains(bot) { problems.append("touches frozen: \(action.line)") }
            if action.bot == nil, action.kind != .createPool, frozenPools.contains(action.pool.name) {
                problems.append("touches a pool with a frozen bot: \(action.line)")
            }
            if desired.hasUnattributedErrors, action.kind == .removeBot, let bot = action.bot, !wanted.contains(bot) {
                problems.append("removes while manifests are unreadable: \(action.line)")
            }
        }
        if plan.refused != nil, !plan.actions.isEmpty { problems.append("refused plan has actions") }
        if !options.allowMassDelete {
            let running = state.pools.flatMap(\.bots).filter { $0.process == .running }
            let runningIDs = Set(running.map(\.id))
            let removed = plan.actions.filter { $0.kind == .removeBot && !wanted.contains($0.bot ?? BotID(tenant: "", name: "")) && runningIDs.contains($0.bot ?? BotID(tenant: "", name: "")) }
            if removed.count * 2 > running.count { problems.append("removes \(removed.count) of \(running.count) running bots") }
        }
        return problems
    }
}
