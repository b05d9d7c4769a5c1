import BotpoolClients
import BotpoolManifest
import BotpoolPlanner

/// What a backend does for each kind of action, in the same words for every backend. It gets
/// `execute` (the dispatch), `timed` (the call metric) and the supervisord steps both backends
/// take alike.
protocol PoolOperations: Backend {
    var metrics: ControllerMetrics { get }
    /// The leader's term under `--etcd`: once it is over, no further call leaves this backend.
    var fence: LeaderTerm? { get }
    func createPool(_ target: PoolTarget, context: ActionContext) async throws
    func removePool(_ target: PoolTarget) async throws
    func replacePool(_ target: PoolTarget, context: ActionContext) async throws
    func writeAndApplyBot(_ target: Action.BotSlot, in pool: PoolTarget, update: Bool, context: ActionContext) async throws
    func startBot(_ target: Action.BotSlot, in pool: PoolTarget) async throws
    func stopBot(_ target: Action.BotSlot, in pool: PoolTarget) async throws
    func restartBot(_ target: Action.BotSlot, in pool: PoolTarget) async throws
    func removeBot(_ target: Action.BotSlot, in pool: PoolTarget, deleteData: Bool) async throws
    /// The supervisord of a pool that ran at the last observe.
    func supervisor(_ pool: String) throws -> Supervisor.Client
    /// The pools whose supervisord answered at the last observe.
    var runningPools: [String] { get }
    /// Called after every action on `pool`, done or failed: what was read of its configuration
    /// no longer stands.
    func forgetObservedConfiguration(pool: String)
    /// The `reloadConfig` calls of actions in flight, shared per pool (shared by a backend's copies).
    var configReloads: ConfigReloads { get }
}

extension PoolOperations {
    public func execute(_ action: Action, context: ActionContext) async throws {
        let pool = action.pool
        defer { forgetObservedConfiguration(pool: pool.name) }
        switch (action.kind, action.subject) {
        case (.createPool, .pool): try await createPool(pool, context: context)
        case (.removePool, .pool): try await removePool(pool)
        case (.replacePool, .pool): try await replacePool(pool, context: context)
        case (.placeBot, .bot(let bot)): try await writeAndApplyBot(bot, in: pool, update: false, context: context)
        case (.updateBot, .bot(let bot)): try await writeAndApplyBot(bot, in: pool, update: true, context: context)
        case (.startBot, .bot(let bot)): try await startBot(bot, in: pool)
        case (.stopBot, .bot(let bot)): try await stopBot(bot, in: pool)
        case (.restartBot, .bot(let bot)): try await restartBot(bot, in: pool)
        case (.removeBot, .bot(let bot)): try await removeBot(bot, in: pool, deleteData: action.deleteData == true)
        case (_, .pool), (_, .bot):
            throw ControllerError.file("\(action.kind.rawValue) of \(pool.name) has the wrong subject: \(action.subject)")
        }
    }

    public func forgetObservedConfiguration(pool: String) {}

    /// Times one call to an outside system for `botpool_call_duration_seconds`, and fences it:
    /// a controller whose term is over makes no further Docker or supervisord call, even in the
    /// middle of an action (another controller may lead by now).
    func timed<T>(_ system: String, _ call: () async throws -> T) async throws -> T {
        if let reason = fence?.lossReason { throw LeadershipLost(reason) }
        let clock = ContinuousClock()
        let start = clock.now
        defer { metrics.recordCall(system: system, seconds: (clock.now - start).seconds) }
        return try await call()
    }

    /// `pool/bot` → `STATE pid` for the bots of the pools that ran at the last observe, one
    /// `getAllProcessInfo` per pool, `PoolFanOut.limit` at a time; a pool whose supervisord does
    /// not answer has none. Cheap enough to ask every few seconds.
    public func processStates() async -> [String: String] {
        let perPool = await PoolFanOut.map(runningPools) { pool in
            guard let processes = try? await supervisor(pool).getAllProcessInfo() else { return [String: String]() }
            var states: [String: String] = [:]
            for process in processes where ProgramFiles.isBotProgram(process.name) {
                states[ProcessStates.key(pool: pool, bot: process.name)] = ProcessStates.value(
                    process.observedState, pid: process.runningPID, startedAt: process.startedAt)
            }
            return states
        }
        return perPool.reduce(into: [:]) { $0.merge($1) { first, _ in first } }
    }

    /// After its program file is in place: supervisord reads it and starts the group (a group
    /// added by a pass that died before it finished may run an older program, so it is added
    /// again), then stops it if the manifest says `state: Stopped`.
    func activate(_ bot: Bot, _ client: Supervisor.Client, pool: String) async throws {
        try await reloadConfig(pool: pool, client)
        if try await timed("supervisord", { try await client.addProcessGroup(bot.name) }) == .alreadyDone {
            _ = try await timed("supervisord") { try await client.stopProcess(bot.name) }
            _ = try await timed("supervisord") { try await client.removeProcessGroup(bot.name) }
            _ = try await timed("supervisord") { try await client.addProcessGroup(bot.name) }
        }
        if bot.spec.state == .stopped {
            _ = try await timed("supervisord") { try await client.stopProcess(bot.name) }
        }
    }

    /// Starts a bot's program, adding its group when supervisord has none (removed by a pass
    /// that died before it placed the bot again).
    func startOrAdd(_ name: String, _ client: Supervisor.Client, pool: String) async throws {
        if try await timed("supervisord", { try await client.startProcess(name) }) == .absent {
            try await reloadConfig(pool: pool, client)
            _ = try await timed("supervisord") { try await client.addProcessGroup(name) }
        }
    }

    /// supervisord has read the pool's program files as they are now: a reload that started
    /// after this call, shared with the other actions on the pool (see `ConfigReloads`).
    func reloadConfig(pool: String, _ client: Supervisor.Client) async throws {
        try await configReloads.reload(pool: pool) {
            _ = try await timed("supervisord") { try await client.reloadConfig() }
        }
    }
}
