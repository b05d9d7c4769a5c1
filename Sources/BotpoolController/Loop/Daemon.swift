import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `botpool run`: the manifest watcher, the probe scheduler, the process watch, the reconcile
/// loop (with a timer for the moment the last pass said work is due) and the status server in
/// one `ServiceGroup`. SIGTERM/SIGINT stop it gracefully and leave every bot
/// running; SIGHUP asks for a pass that re-reads everything.
public struct Daemon: Sendable {
    public var reconciler: Reconciler
    public var probes: ProbeScheduler
    /// Reads FreqTrade bots' trading state from their APIs; nil: not read.
    public var trading: TradingWatch?
    public var trigger: ReconcileTrigger
    public var watcher: ManifestWatcher
    public var statusServer: StatusServer?
    public var resync: Duration
    /// How often every pool's process states are read; nil: only passes notice a dead bot.
    public var processWatch: Duration?
    /// The leader's term when controllers are elected: when it ends, `run` throws
    /// `LeadershipLost` (a pass it fails ends it too).
    public var term: LeaderTerm?
    /// Numbers the passes; `botpool reconcile` waits on it for the pass it asked for.
    public var ledger: PassLedger
    public var logger: Logger

    public init(reconciler: Reconciler, probes: ProbeScheduler, trading: TradingWatch? = nil, trigger: ReconcileTrigger,
                watcher: ManifestWatcher,
                statusServer: StatusServer?, resync: Duration, processWatch: Duration? = .seconds(2),
                term: LeaderTerm? = nil, ledger: PassLedger = PassLedger(), logger: Logger) {
        self.ledger = ledger
        self.reconciler = reconciler
        self.probes = probes
        self.trading = trading
        self.trigger = trigger
        self.watcher = watcher
        self.statusServer = statusServer
        self.resync = resync
        self.processWatch = processWatch
        self.term = term
        self.logger = logger
    }

    public func run() async throws {
        let reconciler = reconciler
        let probes = probes
        let trading = trading
        let logger = logger
        let term = term
        let ledger = ledger
        let due = DueTimer(trigger: trigger)
        let resyncSeconds = Double(resync.components.seconds)
        let loop = ReconcileLoop(resync: resync, trigger: trigger, logger: logger) { reason in
            let number = await ledger.begin()
            let startedAt = Date()
            do {
                let result = try await reconciler.pass(reason: reason)
                await ledger.finish(PassReport(
                    number: number, reason: reason, startedAt: startedAt, finishedAt: Date(), actions: result.plan.actions.count,
                    failedActions: result.failedCount, converged: result.converged, refused: result.plan.refused))
                if !result.plan.actions.isEmpty || result.failedCount > 0 {
                    logger.info("pass finished", metadata: [
                        "trigger": "\(reason)", "actions": "\(result.plan.actions.count)",
                        "failed": "\(result.failedCount)", "seconds": "\(String(format: "%.3f", result.durationSeconds))"])
                }
                await due.schedule(at: result.nextDueAt)
            } catch let lost as LeadershipLost {
                await ledger.finish(PassReport(number: number, reason: reason, startedAt: startedAt, finishedAt: Date(),
                                               error: "leadership lost: \(lost.reason)"))
                term?.end(lost.reason)
                return
            } catch {
                await ledger.finish(PassReport(number: number, reason: reason, startedAt: startedAt, finishedAt: Date(),
                                               error: "\(error)"))
                logger.error("pass failed; retrying soon", metadata: ["error": "\(error)"])
                await due.scheduleAfterFailedPass(limit: resyncSeconds)
            }
            await probes.update(await reconciler.probeTargets())
            await trading?.update(await reconciler.tradingTargets())
            await trading?.focus(await reconciler.drainingBots())
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            // Helpers that end early (a watcher that lost its directory) must not stop the daemon.
            .init(service: ClosureService { await probes.run() }, successTerminationBehavior: .ignore),
            .init(service: ClosureService { await trading?.run() }, successTerminationBehavior: .ignore),
            .init(service: ClosureService { [watcher, trigger, logger] in
                do {
                    try await watcher.run(logger: logger) { trigger.request("manifests changed") }
                } catch {
                    logger.error("manifest watcher stopped; relying on --resync", metadata: ["error": "\(error)"])
                }
            }, successTerminationBehavior: .ignore),
            .init(service: ClosureService { [trigger, logger] in
                for await _ in await UnixSignalsSequence(trapping: .sighup) {
                    logger.info("SIGHUP: re-reading manifests")
                    trigger.request("SIGHUP")
                }
            }, successTerminationBehavior: .ignore),
            .init(service: loop),
        ]
        if let processWatch {
            let watch = ProcessWatch(backend: reconciler.backend, interval: processWatch, trigger: trigger,
                                     lastObserved: { await reconciler.lastObserved })
            services.append(.init(service: ClosureService { await watch.run() }, successTerminationBehavior: .ignore))
        }
        if let term {
            services.append(.init(service: LeadershipWatch(term: term)))
        }
        if let statusServer {
            services.append(.init(service: statusServer.application(logger: logger)))
            logger.info("status server listening", metadata: ["address": "\(statusServer.host):\(statusServer.port)"])
        }
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await due.cancel()
        logger.info("stopped; bots keep running")
    }
}

/// A long-running function as a `Service` that ends on graceful shutdown.
struct ClosureService: Service {
    let body: @Sendable () async -> Void

    init(_ body: @escaping @Sendable () async -> Void) {
        self.body = body
    }

    func run() async throws {
        await cancelWhenGracefulShutdown { await body() }
    }
}

/// Ends the daemon with `LeadershipLost` when the term ends.
struct LeadershipWatch: Service {
    let term: LeaderTerm

    func run() async throws {
        await cancelWhenGracefulShutdown { await term.lost() }
        if let reason = term.lossReason { throw LeadershipLost(reason) }
    }
}
