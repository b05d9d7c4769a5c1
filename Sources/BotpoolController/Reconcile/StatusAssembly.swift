import BotpoolManifest
import BotpoolPlanner
import Foundation

/// Turns a pass's inputs and outputs into the status model the API and `get` show.
enum StatusAssembly {
    static func tradingView(_ state: TradingState) -> TradingView {
        TradingView(openTrades: state.openTrades, state: state.state, dryRun: state.dryRun,
                    lastProcessAt: state.lastProcessAt.map { Date(timeIntervalSince1970: $0) }, problem: state.problem,
                    observedAt: state.observedAt.map { Date(timeIntervalSince1970: $0) })
    }

    static func snapshot(
        result: PassResult, statuses: [BotpoolPlanner.BotStatus], desired: DesiredState,
        observed: ObservedState, failures: ActionRetry, now: Timestamp, key: ControllerKey?,
        manifests: [BotID: ManifestView] = [:], commit: String? = nil
    ) -> StatusSnapshot {
        var programs: [BotID: ObservedBot] = [:]
        for pool in observed.pools {
            for bot in pool.bots { programs[bot.id] = bot }
        }
        var lastErrors: [BotID: String] = [:]
        for action in result.plan.actions {
            guard let bot = action.bot, let failure = failures.failure(for: action) else { continue }
            lastErrors[bot] = "\(action.kind.rawValue): \(failure.lastError)"
        }
        let bots = statuses.map { status in
            let program = programs[status.bot]
            return BotView(
                name: status.bot.name, tenant: status.bot.tenant, pool: status.pool, port: status.port,
                phase: status.phase.rawValue, reason: status.reason,
                // Keyed: a plain hash of a spec that holds a secret would confirm guesses of it.
                specHash: program?.fingerprint.flatMap { fingerprint in key.map { $0.specDigest(fingerprint.hash) } },
                processState: program?.process.rawValue, pid: program?.pid,
                lastExitStatus: status.lastExitStatus, restarts: status.restarts,
                nextRetryAt: status.nextRetryAt.map { Date(timeIntervalSince1970: $0) },
                lastError: lastErrors[status.bot],
                conditions: conditions(for: status, program: program, now: now),
                trading: status.trading.map(tradingView),
                manifest: manifests[status.bot]
            )
        }
        let pools = observed.pools.sorted { $0.name < $1.name }.map { pool in
            PoolView(
                name: pool.name, poolClass: pool.poolClass, tenant: pool.tenant ?? "shared", index: pool.index,
                basePort: pool.basePort, state: pool.container.rawValue, bots: pool.bots.count,
                capacity: desired.poolClasses[pool.poolClass]?.maxBots ?? pool.bots.count,
                templateHash: pool.templateHash,
                runtime: runtime(of: pool, desired: desired),
                zygote: pool.zygote.map(zygoteView)
            )
        }
        return StatusSnapshot(
            generatedAt: Date(timeIntervalSince1970: now),
            lastPass: PassSummary(
                finishedAt: Date(timeIntervalSince1970: now), durationSeconds: result.durationSeconds,
                actions: result.plan.actions.count, failedActions: result.failedCount, refused: result.plan.refused,
                commit: commit
            ),
            pools: pools, bots: bots, diagnostics: result.diagnostics
        )
    }

    /// What the pool runs: seen in its supervisord when it was asked, else the class's.
    static func runtime(of pool: ObservedPool, desired: DesiredState) -> String? {
        if pool.zygote != nil { return "fork" }
        if pool.container == .running { return "exec" }
        switch desired.poolClasses[pool.poolClass]?.runtime {
        case .fork?: return "fork"
        case .exec?: return "exec"
        case nil: return nil
        }
    }

    static func zygoteView(_ zygote: ObservedZygote) -> ZygoteView {
        ZygoteView(
            state: zygote.process.rawValue, pid: zygote.pid,
            since: zygote.startedAt.map { Date(timeIntervalSince1970: $0) }, exitStatus: zygote.exitStatus,
            python: zygote.serving?.python, pythonVersion: zygote.serving?.version, preload: zygote.serving?.preload,
            preloadSeconds: zygote.serving?.preloadSeconds, frozenObjects: zygote.serving?.frozenObjects
        )
    }

    static func conditions(for status: BotpoolPlanner.BotStatus, program: ObservedBot?, now: Timestamp) -> [Condition] {
        let scheduled = status.pool != nil
        let healthy = status.phase == .running
        var conditions = [
            Condition(type: "Scheduled", status: scheduled, reason: scheduled ? nil : status.reason),
            Condition(type: "Healthy", status: healthy, reason: healthy ? nil : status.reason,
                      since: program?.startedAt.map { Date(timeIntervalSince1970: $0) }),
        ]
        // Draining, WaitingForFlat or WaitingForRollout: a change that waits for the bot's disruption policy.
        if let wait = status.disruption {
            conditions.append(Condition(type: wait.condition.rawValue, status: true, reason: wait.reason,
                                        since: Date(timeIntervalSince1970: wait.since)))
        }
        return conditions
    }
}
