import BotpoolManifest
import BotpoolPlanner

extension InMemoryWorld {
    func locate(_ action: Action) throws(Failure) -> (pool: Int, bot: Int) {
        let pool = try poolIndex(action.pool.name)
        guard let bot = state.pools[pool].bots.firstIndex(where: { $0.id == action.bot }) else {
            throw Failure(message: "pool \(action.pool.name): no program for bot \(action.bot.map(\.description) ?? "?")")
        }
        return (pool, bot)
    }

    func wanted(_ action: Action, in desired: DesiredState) throws(Failure) -> DesiredBot {
        guard let bot = desired.bots.first(where: { $0.id == action.bot }) else {
            throw Failure(message: "bot \(action.bot.map(\.description) ?? "?") not desired")
        }
        return bot
    }

    mutating func placeBot(_ action: Action, desired: DesiredState, now: Timestamp) throws(Failure) {
        let pool = try poolIndex(action.pool.name)
        let bot = try wanted(action, in: desired)
        guard state.pools[pool].container == .running else { throw Failure(message: "pool \(action.pool.name): container down") }
        guard let slot = action.slot, !state.pools[pool].bots.contains(where: { $0.slot == slot }) else {
            throw Failure(message: "pool \(action.pool.name): slot \(action.slot ?? -1) already in use")
        }
        state.pools[pool].bots.append(ObservedBot(
            id: bot.id, slot: slot, fingerprint: bot.fingerprint, deletionPolicy: bot.spec.deletionPolicy, process: .stopped
        ))
        state.pools[pool].emptiedSince = nil
        start(pool: pool, bot: state.pools[pool].bots.count - 1, desired: desired, now: now)
    }

    mutating func removeBot(_ action: Action, now: Timestamp) throws(Failure) {
        let (pool, bot) = try locate(action)
        state.pools[pool].bots.remove(at: bot)
        if let id = action.bot {
            state.health[id] = nil
        }
        if state.pools[pool].bots.isEmpty { state.pools[pool].emptiedSince = now }
    }

    /// `/stopentry` or `/start` on a FreqTrade bot, as the controller records it: paused, and the
    /// trade count read before the pause no longer counts.
    mutating func tradingCall(_ action: Action) throws(Failure) {
        guard let id = action.bot, var trading = state.trading[id] else {
            throw Failure(message: "\(action.bot.map { "\($0)" } ?? "?"): no FreqTrade API")
        }
        if action.kind == .drainBot {
            trading.state = "paused"
            trading.openTradesAt = nil
        } else {
            trading.state = "running"
        }
        state.trading[id] = trading
    }

    mutating func changeBot(_ action: Action, desired: DesiredState, now: Timestamp) throws(Failure) {
        let (pool, bot) = try locate(action)
        guard state.pools[pool].container == .running else { throw Failure(message: "pool \(action.pool.name): container down") }
        let wanted = try wanted(action, in: desired)
        switch action.kind {
        case .stopBot:
            state.pools[pool].bots[bot].process = .stopped
            state.pools[pool].bots[bot].pid = nil
        case .updateBot:
            state.pools[pool].bots[bot].fingerprint = wanted.fingerprint
            state.pools[pool].bots[bot].deletionPolicy = wanted.spec.deletionPolicy
            state.pools[pool].bots[bot].process = .stopped
            if wanted.spec.state == .running { start(pool: pool, bot: bot, desired: desired, now: now) }
        default:
            start(pool: pool, bot: bot, desired: desired, now: now)
        }
    }

    /// Starts a program: RUNNING with a fresh pid and a passing first probe, unless a start fault says it crashes.
    mutating func start(pool: Int, bot: Int, desired: DesiredState, now: Timestamp) {
        let id = state.pools[pool].bots[bot].id
        nextPID += 1
        state.pools[pool].bots[bot].pid = nextPID
        state.pools[pool].bots[bot].startedAt = now
        state.pools[pool].bots[bot].exitStatus = nil
        state.pools[pool].bots[bot].process = .running
        state.health[id] = HealthHistory(consecutiveFailures: 0, lastSuccessAt: now)
        guard var fault = startFaults[id] else { return }
        state.pools[pool].bots[bot].process = fault.fatal ? .fatal : .exited
        state.pools[pool].bots[bot].exitStatus = fault.exitStatus
        state.pools[pool].bots[bot].pid = nil
        state.health[id] = nil
        fault.times -= 1
        startFaults[id] = fault.times > 0 ? fault : nil
    }

    /// Fault: a running bot's process ends (EXITED with the status, or FATAL).
    public mutating func crash(_ id: BotID, exitStatus: Int = 1, fatal: Bool = false) {
        for pool in state.pools.indices {
            for bot in state.pools[pool].bots.indices where state.pools[pool].bots[bot].id == id {
                state.pools[pool].bots[bot].process = fatal ? .fatal : .exited
                state.pools[pool].bots[bot].exitStatus = exitStatus
                state.pools[pool].bots[bot].pid = nil
            }
        }
    }

    /// Fault: the bot's last `count` probes failed.
    public mutating func failProbes(_ id: BotID, count: Int) {
        var health = state.health[id] ?? HealthHistory()
        health.consecutiveFailures = count
        state.health[id] = health
    }
}

extension Error {
    var message: String { (self as? InMemoryWorld.Failure)?.message ?? "\(self)" }
}
