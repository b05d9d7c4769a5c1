import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import BotpoolTransport
import Foundation
import Logging

/// One reconcile pass = load manifests → observe → plan (pure) → execute → record status.
/// Keeps only what cannot be read back from the world: restart and retry history, probe
/// results (through `health`) and when pools became empty. Losing it on restart is safe.
public actor Reconciler {
    public struct Options: Sendable {
        public var dryRun = false
        public var allowMassDelete = false
        /// Bot actions running at once (supervisord calls and files); pool actions have their own
        /// lane of `PlanExecutor.poolConcurrency`.
        public var concurrency = 16
        /// `env: {fromFile: PATH}` of tenant T is read only below `<secretsDir>/T/`.
        public var secretsDir = Reconciler.Options.defaultSecretsDir
        /// Keys the spec digests the status shows; without it none is shown.
        public var key: ControllerKey?
        /// The leader's term when controllers are elected: checked before the pass observes and
        /// before every action, and an invalid one fails the pass with `LeadershipLost`. Nil:
        /// the only controller (the state dir's flock).
        public var fence: LeaderTerm?

        public static let defaultSecretsDir = "/etc/botpool/secrets"

        public init(dryRun: Bool = false, allowMassDelete: Bool = false, concurrency: Int = 16,
                    secretsDir: String = Reconciler.Options.defaultSecretsDir) {
            self.dryRun = dryRun
            self.allowMassDelete = allowMassDelete
            self.concurrency = concurrency
            self.secretsDir = secretsDir
        }
    }

    let backend: any Backend
    let loadManifests: @Sendable () throws -> ManifestSet
    let health: @Sendable () async -> [BotID: HealthHistory]
    let trading: @Sendable () async -> [BotID: TradingState]
    let options: Options
    let store: StatusStore
    let metrics: ControllerMetrics
    let logger: Logger
    let clock: @Sendable () -> Timestamp

    private var restarts: [BotID: RestartHistory] = [:]
    /// Changes waiting for their bot's `spec.disruption`, and operators' requests (`plan.drains`,
    /// `plan.requests`): memory only, like `restarts`.
    private var drains: [BotID: DrainRecord] = [:]
    private var requests: [BotID: OperatorRequest] = [:]
    /// Sends drains and resumes to FreqTrade bots (the trading watch's); nil: those actions fail.
    let tradingCommand: (@Sendable (TradingWatch.Command, TradingWatch.Target) async throws -> Void)?
    private var retry = ActionRetry()
    private var emptiedSince: [String: Timestamp] = [:]
    private var lastDiagnostics: [String] = []
    /// Which file each bot came from, kept across passes so that a bot whose file stops
    /// parsing is shown Frozen with that file's error (after a restart: with every such error).
    private var lastKnownFiles: [BotID: String] = [:]
    /// The commits each bot's manifest was last valid and first broken at (Git checkouts only).
    private var manifestHistory = ManifestHistory()
    private var lastCommit: String?
    /// What the last pass observed and wanted, for probes and status.
    public private(set) var lastObserved: ObservedState?
    public private(set) var lastDesired: DesiredState?
    /// The API login of each FreqTrade bot (`spec.freqtrade`) as of the last pass: its secrets
    /// are read with the others, and kept in memory only.
    private var tradingLogins: [BotID: (Freqtrade.Credentials, Int)] = [:]
    /// Each WhenFlat or Manual bot's policy and login as its manifest last said, kept while its
    /// program runs after the manifest is gone: its removal waits for trades as an edit would.
    private var remembered: [BotID: RememberedBot] = [:]

    public init(
        backend: any Backend,
        loadManifests: @escaping @Sendable () throws -> ManifestSet,
        health: @escaping @Sendable () async -> [BotID: HealthHistory] = { [:] },
        trading: @escaping @Sendable () async -> [BotID: TradingState] = { [:] },
        tradingCommand: (@Sendable (TradingWatch.Command, TradingWatch.Target) async throws -> Void)? = nil,
        options: Options = Options(),
        store: StatusStore = StatusStore(),
        metrics: ControllerMetrics = ControllerMetrics(),
        logger: Logger = Logger(label: "botpool"),
        clock: @escaping @Sendable () -> Timestamp = { Date().timeIntervalSince1970 }
    ) {
        self.backend = backend
        self.loadManifests = loadManifests
        self.health = health
        self.trading = trading
        self.tradingCommand = tradingCommand
        self.options = options
        self.store = store
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
    }

    /// Runs one pass. Throws only when nothing could be decided (manifests unreadable, Docker
    /// unreachable) or `approve` refused the plan; failed actions are results, retried on later passes.
    /// - Parameter approve: sees the plan with the state it was made from before anything runs,
    ///   and throws to run nothing (`botpool apply-plan` checks a saved plan's token this way).
    public func pass(
        reason: String = "manual",
        approve: (@Sendable (Plan, DesiredState, ObservedState) throws -> Void)? = nil
    ) async throws -> PassResult {
        do {
            return try await reconcile(reason: reason, approve: approve)
        } catch let lost as LeadershipLost {
            // Not a failing pass: this controller stops leading, and another one passes.
            throw lost
        } catch {
            metrics.recordFailedPass()
            throw error
        }
    }

    private func reconcile(
        reason: String,
        approve: (@Sendable (Plan, DesiredState, ObservedState) throws -> Void)?
    ) async throws -> PassResult {
        let started = ContinuousClock.now
        let now = clock()
        let (manifests, secrets, desired) = try await readDesired()
        reportDiagnostics(manifests.diagnostics)
        reportCommit(manifests.provenance)
        metrics.setDiagnostics(errors: manifests.diagnostics.count(where: { $0.severity == .error }),
                               warnings: manifests.diagnostics.count(where: { $0.severity == .warning }))

        try checkFence()
        var observed = try await observeWithMemory(now: now)
        let keep = Set(observed.pools.flatMap { $0.bots.map(\.id) }).union(desired.bots.map(\.id)).union(desired.frozenBots)
        lastKnownFiles = desired.lastKnownFiles.filter { keep.contains($0.key) }

        let planOptions = PlanOptions(allowMassDelete: options.allowMassDelete)
        let seen = observed
        let plan = await CPUWork.run { Planner.plan(desired: desired, observed: seen, now: now, options: planOptions) }
        lastObserved = observed
        lastDesired = desired
        logPlan(plan, reason: reason)
        try approve?(plan, desired, seen)

        var outcomes: [Int: ActionOutcome] = [:]
        if !options.dryRun && plan.refused == nil {
            try checkFence()
            outcomes = await execute(plan, context: ActionContext(desired: desired, secrets: secrets.values, now: now))
            restarts = plan.restartHistory
            drains = plan.drains
            requests = plan.requests
            // Actions it skipped for want of a term are not failures to retry: the pass fails.
            try checkFence()
            if outcomes.values.contains(.succeeded) {
                // Status and probes should see what the actions made, not what was there before.
                observed = try await observeWithMemory(now: now)
                lastObserved = observed
            }
        }
        // A removed bot is forgotten once its program is gone (as the pass's actions left it).
        let present = Set(observed.pools.flatMap { $0.bots.map(\.id) }).union(desired.bots.map(\.id))
        remembered = remembered.filter { present.contains($0.key) }
        let duration = ContinuousClock.now - started
        var result = PassResult(
            plan: plan, outcomes: outcomes, diagnostics: manifests.diagnostics.map(\.description),
            durationSeconds: duration.seconds
        )
        result.nextDueAt = nextDue(plan: plan, desired: desired, observed: observed, now: now)
        metrics.recordPass(duration: duration, finishedAt: clock())
        await publishStatus(result, desired: desired, observed: observed, now: now, provenance: manifests.provenance)
        return result
    }

    /// The manifests, their secrets and the desired state they make; keeps the FreqTrade logins.
    private func readDesired() async throws -> (ManifestSet, SecretFiles, DesiredState) {
        let load = loadManifests
        var manifests = try await CPUWork.run { try load() }
        let secrets = SecretFiles.read(manifests.bots, secretsDir: options.secretsDir)
        freezeBotsWithSecretProblems(&manifests, secrets: secrets)
        tradingLogins = TradingTargets.logins(manifests.bots, secrets: secrets.values)
        remember(manifests.bots)
        return (manifests, secrets, DesiredState(manifests, secretDigests: secrets.digests, lastKnownFiles: lastKnownFiles))
    }

    /// Reads the manifests and the world as a pass would, without planning or acting, so that
    /// `tradingTargets()` can be read before a one-shot pass (its WhenFlat changes need the trades).
    /// Observes nothing when no bot declares `freqtrade:`.
    public func look() async throws {
        let (_, _, desired) = try await readDesired()
        guard !tradingLogins.isEmpty else { return }
        try checkFence()
        lastObserved = try await observeWithMemory(now: clock())
        lastDesired = desired
    }

    /// Updates `remembered` from the manifests just read; a bot they no longer declare keeps its
    /// entry (and its login stays in `tradingLogins`) until its program is gone.
    private func remember(_ bots: [Bot]) {
        for bot in bots {
            if bot.spec.disruption.policy == .always {
                remembered[bot.id] = nil
            } else {
                remembered[bot.id] = RememberedBot(disruption: bot.spec.disruption, login: tradingLogins[bot.id])
            }
        }
        let declared = Set(bots.map(\.id))
        for (id, bot) in remembered where !declared.contains(id) {
            if let login = bot.login { tradingLogins[id] = login }
        }
    }

    /// When a pass will have work that nothing else triggers: time alone makes a back-off
    /// expire, a failed action retryable and an empty pool old enough to remove.
    private func nextDue(plan: Plan, desired: DesiredState, observed: ObservedState, now: Timestamp) -> Timestamp? {
        var due = plan.backOff.map(\.nextRetryAt)
        due += retry.failures.values.map(\.nextAttemptAt)
        for pool in observed.pools where pool.bots.isEmpty {
            guard let since = pool.emptiedSince, let ttl = desired.poolClasses[pool.poolClass]?.emptyPoolTTLSeconds else {
                continue
            }
            due.append(since + Double(ttl))
        }
        return due.filter { $0 > now }.min()
    }

    /// Throws `LeadershipLost` once the term is over: no further Docker or supervisord call.
    private func checkFence() throws(LeadershipLost) {
        if let reason = options.fence?.lossReason { throw LeadershipLost(reason) }
    }

    /// The world as it is, plus what only this controller remembers about it.
    private func observeWithMemory(now: Timestamp) async throws -> ObservedState {
        var observed = try await backend.observe()
        observed.health = await health()
        observed.trading = await trading()
        observed.restarts = restarts
        observed.drains = drains
        observed.requests = requests
        observed.policies = remembered.mapValues(\.disruption)
        trackEmptyPools(&observed, now: now)
        return observed
    }

    private func execute(_ plan: Plan, context: ActionContext) async -> [Int: ActionOutcome] {
        retry.keepOnly(plan.actions)
        let deferred = Set(plan.actions.filter { retry.isWaiting($0, now: context.now) }.map(\.id))
        var executor = PlanExecutor(backend: backend, concurrency: options.concurrency, fence: options.fence, logger: logger)
        if plan.actions.contains(where: \.isTradingAction) { executor.trading = await tradingSender() }
        let outcomes = await executor.execute(plan.actions, context: context, deferred: deferred)
        var results: [Int: ActionOutcome] = [:]
        for action in plan.actions {
            let outcome = outcomes[action.id] ?? .skipped("not run")
            results[action.id] = record(action, outcome: outcome, now: context.now)
        }
        return results
    }

    private func record(_ action: Action, outcome: ActionOutcome, now: Timestamp) -> ActionOutcome {
        var metadata: Logger.Metadata = ["action": "\(action.kind.rawValue)", "pool": "\(action.pool.name)",
                                         "reason": "\(action.reason)"]
        if let bot = action.bot { metadata["bot"] = "\(bot)" }
        if let port = action.port { metadata["port"] = "\(port)" }
        switch outcome {
        case .succeeded:
            retry.recordSuccess(action)
            metrics.recordAction(kind: action.kind.rawValue, succeeded: true)
            if action.kind == .restartBot, let bot = action.bot { metrics.recordRestart(tenant: bot.tenant, bot: bot.name) }
            logger.info("\(action.kind.rawValue) done", metadata: metadata)
            return .succeeded
        case .failed(let error):
            retry.recordFailure(action, error: error, now: now)
            metrics.recordAction(kind: action.kind.rawValue, succeeded: false)
            metadata["error"] = "\(error)"
            logger.error("\(action.kind.rawValue) failed", metadata: metadata)
            return .failed(error)
        case .skipped(let why):
            metadata["skipped"] = "\(why)"
            logger.warning("\(action.kind.rawValue) skipped", metadata: metadata)
            return .skipped(why)
        case .deferred:
            let failure = retry.failure(for: action)
            metadata["retryAt"] = "\(failure.map { Date(timeIntervalSince1970: $0.nextAttemptAt) }.map { "\($0)" } ?? "?")"
            logger.debug("\(action.kind.rawValue) waiting to retry", metadata: metadata)
            return .deferred
        }
    }

    private func freezeBotsWithSecretProblems(_ manifests: inout ManifestSet, secrets: SecretFiles) {
        guard !secrets.problems.isEmpty else { return }
        for bot in manifests.bots where secrets.problems[bot.id] != nil {
            manifests.frozenBots.insert(bot.id)
            manifests.diagnostics.append(Diagnostic(.error, bot.source, path: "spec.env",
                                                    secrets.problems[bot.id] ?? ""))
        }
        manifests.bots.removeAll { secrets.problems[$0.id] != nil }
    }

    /// An empty pool's age cannot be read from Docker; it is counted from when this
    /// controller first saw it empty (after a restart the TTL starts again: the safe side).
    private func trackEmptyPools(_ observed: inout ObservedState, now: Timestamp) {
        var seen: [String: Timestamp] = [:]
        for index in observed.pools.indices where observed.pools[index].bots.isEmpty {
            let name = observed.pools[index].name
            let since = emptiedSince[name] ?? now
            seen[name] = since
            observed.pools[index].emptiedSince = since
        }
        emptiedSince = seen
    }

    private func reportDiagnostics(_ diagnostics: [Diagnostic]) {
        let lines = diagnostics.map(\.description)
        guard lines != lastDiagnostics else { return }
        lastDiagnostics = lines
        for line in lines { logger.warning("manifest problem", metadata: ["diagnostic": "\(line)"]) }
    }

    /// A new commit at info; HEAD that names none (unborn, unreadable) once, as a warning.
    private func reportCommit(_ provenance: ManifestProvenance?) {
        let commit = provenance?.commit
        guard let provenance, commit != lastCommit else { return }
        lastCommit = commit
        switch provenance.head {
        case .commit(let id): logger.info("manifests at commit", metadata: ["commit": "\(id)", "repository": "\(provenance.root)"])
        case .unborn(let ref): logger.info("manifests in a checkout without commits", metadata: ["ref": "\(ref)"])
        case .unreadable(let why): logger.warning("manifests' Git HEAD unreadable; no commit recorded", metadata: ["why": "\(why)"])
        }
    }

    private func logPlan(_ plan: Plan, reason: String) {
        if let refused = plan.refused {
            logger.error("plan refused; nothing changes", metadata: [
                "why": "\(refused)", "wouldRun": "\(plan.refusedActions.count)"])
        }
        for warning in plan.warnings { logger.warning("\(warning)") }
        let level: Logger.Level = plan.actions.isEmpty ? .debug : .info
        logger.log(level: level, "pass planned", metadata: [
            "trigger": "\(reason)", "actions": "\(plan.actions.count)", "dryRun": "\(options.dryRun)"])
        if options.dryRun {
            for action in plan.actions {
                logger.info("would \(action.kind.rawValue)", metadata: [
                    "pool": "\(action.pool.name)", "bot": "\(action.bot?.description ?? "-")", "reason": "\(action.reason)"])
            }
        }
    }

    private func publishStatus(
        _ result: PassResult, desired: DesiredState, observed: ObservedState, now: Timestamp, provenance: ManifestProvenance?
    ) async {
        let statuses = Planner.status(desired: desired, observed: observed, now: now, plan: result.plan)
        let manifests = manifestHistory.record(provenance, desired: desired, statuses: statuses)
        let snapshot = StatusAssembly.snapshot(
            result: result, statuses: statuses, desired: desired, observed: observed,
            failures: retry, now: now, key: options.key, manifests: manifests, commit: provenance?.commit
        )
        metrics.setPools(snapshot.pools, memoryLimits: desired.poolClasses.compactMapValues { $0.memoryLimit?.bytes })
        metrics.setBots(snapshot.bots)
        metrics.setTrading(snapshot.bots)
        metrics.setPlanned(result.plan.refused == nil ? result.plan.actions : result.plan.refusedActions)
        await store.publish(snapshot, hosts: await backend.probeHosts())
        for (id, outcome) in result.outcomes.sorted(by: { $0.key < $1.key }) {
            guard let action = result.plan.actions.first(where: { $0.id == id }) else { continue }
            let object = action.bot?.description ?? action.pool.name
            switch outcome {
            case .succeeded:
                await store.record(StatusEvent(time: Date(timeIntervalSince1970: now), object: object,
                                               kind: action.kind.rawValue, message: action.reason))
            case .failed(let error):
                await store.record(StatusEvent(time: Date(timeIntervalSince1970: now), object: object,
                                               kind: "\(action.kind.rawValue)Failed", message: error))
            case .skipped, .deferred:
                break
            }
        }
    }
}

extension Reconciler {
    /// What the probe scheduler should watch after the last pass.
    public func probeTargets() async -> [ProbeTarget] {
        guard let desired = lastDesired, let observed = lastObserved else { return [] }
        return ProbeTargets.compute(desired: desired, observed: observed, hosts: await backend.probeHosts())
    }

    /// Bots whose trade count decides when their waiting change may go.
    public func drainingBots() -> Set<BotID> { Set(drains.keys) }

    /// Records an operator's `restart` or `rollout` and returns it; the next pass acts on it.
    /// Throws when the manifests (as of the last pass) declare no such bot.
    public func request(_ kind: OperatorRequest.Kind, bot id: BotID, force: Bool) throws -> OperatorRequest {
        let declared = lastDesired?.bots.contains(where: { $0.id == id }) == true
        guard declared || remembered[id] != nil else { throw ControllerError.unknownBot(id) }
        let request = OperatorRequest(kind: kind, force: force || requests[id]?.force == true, at: clock())
        requests[id] = request
        return request
    }

    /// Drain and resume through the bot's API, at the address its probes use, with its login.
    func tradingSender() async -> @Sendable (Action) async throws -> Void {
        let hosts = await backend.probeHosts()
        let logins = tradingLogins
        let command = tradingCommand
        return { action in
            guard let id = action.bot, let port = action.port else { throw ControllerError.file("\(action.kind.rawValue) without a bot") }
            guard let command else { throw ControllerError.file("bot \(id): no FreqTrade API access in this mode") }
            guard let (login, period) = logins[id], let host = hosts[action.pool.name] else {
                throw ControllerError.file("bot \(id): its API login or its pool's address is not known")
            }
            let target = TradingWatch.Target(bot: id, host: host, port: port, credentials: login, periodSeconds: period, generation: "")
            try await command(action.kind == .drainBot ? .stopEntries : .start, target)
        }
    }

    /// The FreqTrade bots whose API the trading watch should read after the last pass.
    public func tradingTargets() async -> [TradingWatch.Target] {
        guard let desired = lastDesired, let observed = lastObserved else { return [] }
        return TradingTargets.compute(desired: desired, observed: observed, hosts: await backend.probeHosts(), logins: tradingLogins)
    }
}

/// What `Reconciler.remembered` keeps of a WhenFlat or Manual bot's manifest.
struct RememberedBot {
    var disruption: Disruption
    var login: (Freqtrade.Credentials, Int)?
}
