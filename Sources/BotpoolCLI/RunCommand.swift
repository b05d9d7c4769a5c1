import ArgumentParser
import BotpoolClients
import BotpoolController
import BotpoolTransport
import Foundation
import Logging

/// `botpool run`: the controller daemon (or one pass with `--once`).
public struct RunCommand: AsyncParsableCommand, Sendable {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the reconcile controller: watch the manifests and converge the pools.",
        discussion: """
            Watches --manifests (inotify, plus a resync every --resync seconds), reconciles on every \
            change, probe state change and bot process state change (--process-watch), and when a \
            back-off or retry expires, and serves /healthz, /readyz, /metrics and /api/v1/status \
            on --listen. SIGTERM/SIGINT stop the controller and leave every bot running; SIGHUP \
            re-reads the manifests.

            One controller writes a state dir at a time: it holds a lock on \
            <state-dir>/controller.lock. A second daemon on the same state dir waits as a standby \
            (it logs who holds the lock) and takes over when the holder stops; a second --once exits 2 \
            naming the holder. --dry-run changes nothing and takes no lock.

            With --etcd, controllers on one or more hosts (same manifests, same state dir contents: \
            they need the same controller.key) elect one leader on a lease in etcd instead, and the \
            lock is not taken. A follower serves /healthz (200), /readyz (503) and /api/v1/status \
            (its role and the leader) and touches nothing else. A leader that cannot renew its lease \
            within --renew-deadline stops before its next Docker or supervisord call and exits 1, so \
            that its supervisor restarts it as a follower; SIGTERM gives the lease back at once.

            With --once: one pass, then exit 0 (converged), 1 (actions failed or plan refused), \
            2 (error: manifests unreadable, Docker unreachable, state dir locked by another controller).
            """
    )

    @OptionGroup var common: CommonOptions

    @OptionGroup var election: ElectionOptions

    @Option(help: ArgumentHelp("Address of the status server, host:port; \"none\" disables it.", valueName: "addr"))
    var listen = "127.0.0.1:9180"

    @Option(help: ArgumentHelp(
        "File holding the operator's bearer token for everything but /healthz; mode 0600 or stricter.", valueName: "path"))
    var tokenFile: String?

    @Option(help: ArgumentHelp(
        "YAML map of tenant: token, one line per tenant; a tenant's token sees its own bots only. Mode 0600 or stricter.",
        valueName: "path"))
    var tenantTokens: String?

    @Option(help: ArgumentHelp(
        "Requests to /bots/<tenant>/<name>/… in flight at once per tenant token (and for the operator's token); past it 429 (env BOTPOOL_TENANT_MAX_INFLIGHT, default 5).",
        valueName: "n"))
    var tenantMaxInflight: Int?

    @Option(help: "Seconds between passes when nothing changes.")
    var resync = 30

    @Option(help: ArgumentHelp(
        "Seconds between reads of every pool's process states; a change (a bot exited or was killed) starts a pass. 0 turns it off.",
        valueName: "seconds"))
    var processWatch: Double = 2

    @Flag(help: "Run one pass and exit.")
    var once = false

    @Flag(help: "Plan and log, change nothing.")
    var dryRun = false

    @Flag(help: "Let a pass remove more than half of the running bots.")
    var allowMassDelete = false

    @Option(help: "Log format: text or json.")
    var logFormat: LogFormat = .text

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    public init() {}

    public func validate() throws {
        guard resync >= 1 else { throw ValidationError("--resync must be at least 1 second") }
        guard processWatch == 0 || processWatch >= 0.1 else {
            throw ValidationError("--process-watch must be 0 (off) or at least 0.1 seconds")
        }
        if listen != "none", StatusAddress(listen) == nil {
            throw ValidationError("--listen \(listen): expected host:port, e.g. 127.0.0.1:9180, or none")
        }
        _ = try proxyLimits()
        if tenantTokens != nil, listen == "none" { throw ValidationError("--tenant-tokens needs the status server (--listen)") }
        if election.etcd != nil, once { throw ValidationError("--etcd elects a daemon's leader; --once takes the state dir lock instead") }
    }

    public func run() async throws {
        let logger = LogSetup.bootstrap(format: logFormat, level: logLevel)
        let options = Reconciler.Options(dryRun: dryRun, allowMassDelete: allowMassDelete)
        if once {
            let lock: StateDirLock?
            do {
                lock = try takeLockOrRefuse(logger: logger)
            } catch {
                logger.error("\(error)")
                throw ExitCode(2)
            }
            let status = await runOnce(options: options, logger: logger)
            withExtendedLifetime(lock) {}
            throw ExitCode(status)
        }
        // Token files are checked at start, before a standby waits: a mistake shows at once.
        let tokens: StatusTokens
        do {
            tokens = try readTokens()
        } catch {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(2)
        }
        if let etcd = election.etcd {
            try await runElected(etcd: etcd, tokens: tokens, options: options, logger: logger)
            return
        }
        // A standby waits here, before it touches Docker or the state dir.
        var lock: StateDirLock?
        if !dryRun {
            lock = try await StateDirLock.acquireUnlessStopped(
                stateDir: common.stateDirPath, holder: StateDirLock.describeThisProcess(command: "botpool run"), logger: logger)
            guard lock != nil else {
                logger.info("stopped while standing by")
                return
            }
        }
        defer { withExtendedLifetime(lock) {} }
        let daemon: Daemon
        do {
            daemon = try await self.daemon(options: options, store: StatusStore(), metrics: ControllerMetrics(),
                                           tokens: tokens, logger: logger)
        } catch {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(2)
        }
        try await daemon.run()
    }

    /// The controller proper: probes, the live backend and reconciler, and (with `tokens`) the
    /// status server. Connects to Docker.
    func daemon(options: Reconciler.Options, store: StatusStore, metrics: ControllerMetrics, tokens: StatusTokens? = nil,
                logger: Logger) async throws -> Daemon {
        let trigger = ReconcileTrigger()
        let probe = Probe()
        let probes = ProbeScheduler(
            probe: { target in
                let start = ContinuousClock.now
                let result = await probe.http(address: target.host, port: target.port, path: target.path,
                                              timeout: .seconds(target.timeoutSeconds))
                metrics.recordCall(system: "probe", seconds: (ContinuousClock.now - start).seconds)
                return result.success
            },
            onChange: { trigger.request($0) }
        )
        let trading = TradingWatch(onTradesChanged: { trigger.request("open trades of \($0) changed") })
        let live = try await LiveController.connect(common, reconcile: options, logger: logger,
                                                    health: { await probes.health() }, trading: { await trading.current() },
                                                    tradingCommand: { try await trading.command($0, target: $1) },
                                                    store: store, metrics: metrics)
        let reconciler = live.reconciler
        let ledger = PassLedger()
        let server = tokens.flatMap {
            var server = statusServer(tokens: $0, store: live.store, metrics: live.metrics, memory: live.memory)
            server?.requests = { kind, bot, force in
                let made = try await reconciler.request(kind, bot: bot, force: force)
                trigger.request("\(kind.rawValue) \(bot) requested")
                return made
            }
            server?.ledger = ledger
            server?.reconcile = { wait in
                let ticket = await ledger.request(at: Date())
                trigger.request("reconcile requested")
                return wait ? await ledger.report(after: ticket, timeout: .seconds(300)) : nil
            }
            return server
        }
        logger.info("botpool controller starting", metadata: [
            "manifests": "\(common.manifestsPath)", "stateDir": "\(common.stateDirPath)",
            "docker": "\(common.dockerHostURL)", "backend": "\((try? common.backendKind)?.rawValue ?? "docker")", "dryRun": "\(dryRun)"])
        return Daemon(
            reconciler: live.reconciler, probes: probes, trading: trading, trigger: trigger,
            watcher: ManifestWatcher(path: common.manifestsPath), statusServer: server,
            resync: .seconds(resync), processWatch: processWatch > 0 ? .seconds(processWatch) : nil, ledger: ledger,
            logger: logger)
    }

    /// `--once` never waits for another controller: it says who holds the state dir and exits.
    private func takeLockOrRefuse(logger: Logger) throws -> StateDirLock? {
        guard !dryRun else { return nil }
        switch try StateDirLock.tryAcquire(stateDir: common.stateDirPath,
                                           holder: StateDirLock.describeThisProcess(command: "botpool run --once")) {
        case .acquired(let lock):
            return lock
        case .held(let owner):
            throw ValidationError("state dir \(common.stateDirPath) is locked by another controller: \(owner)")
        }
    }

    private func runOnce(options: Reconciler.Options, logger: Logger) async -> Int32 {
        do {
            let trading = TradingWatch()
            let live = try await LiveController.connect(
                common, reconcile: options, logger: logger, trading: { await trading.current() },
                tradingCommand: { try await trading.command($0, target: $1) })
            // FreqTrade bots' trades decide what may stop them (spec.disruption): read them first.
            try await live.reconciler.look()
            let traders = await live.reconciler.tradingTargets()
            if !traders.isEmpty { await trading.readOnce(traders) }
            let result = try await live.reconciler.pass(reason: "--once")
            for line in result.diagnostics { logger.warning("manifest problem", metadata: ["diagnostic": "\(line)"]) }
            logger.info("pass finished", metadata: [
                "actions": "\(result.plan.actions.count)", "failed": "\(result.failedCount)",
                "converged": "\(result.converged)", "seconds": "\(String(format: "%.3f", result.durationSeconds))"])
            return result.converged || (dryRun && result.plan.refused == nil) ? 0 : 1
        } catch {
            logger.error("pass failed", metadata: ["error": "\(error)"])
            return 2
        }
    }

    func statusServer(
        tokens: StatusTokens, store: StatusStore, metrics: ControllerMetrics, memory: PoolMemorySampler?
    ) -> StatusServer? {
        guard listen != "none", let address = StatusAddress(listen) else { return nil }
        return StatusServer(host: address.host, port: address.port, token: tokens.operatorToken,
                            tenantTokens: tokens.tenantTokens, store: store, metrics: metrics, memory: memory,
                            proxyLimits: (try? proxyLimits()) ?? ProxyLimits())
    }

    static let tenantMaxInflightEnvironment = "BOTPOOL_TENANT_MAX_INFLIGHT"

    /// The bot proxy's bounds: `--tenant-max-inflight`, else its environment variable, else 5.
    func proxyLimits() throws -> ProxyLimits {
        let environment = ProcessInfo.processInfo.environment[Self.tenantMaxInflightEnvironment].flatMap { $0.isEmpty ? nil : $0 }
        let limit: Int
        if let tenantMaxInflight {
            limit = tenantMaxInflight
        } else if let environment {
            guard let parsed = Int(environment) else {
                throw ValidationError("\(Self.tenantMaxInflightEnvironment)=\(environment): expected a whole number")
            }
            limit = parsed
        } else {
            limit = ProxyLimits.defaultMaxInflight
        }
        guard limit >= 1 else { throw ValidationError("--tenant-max-inflight must be at least 1, not \(limit)") }
        return ProxyLimits(maxInflight: limit)
    }

    /// The operator's token and the tenants', each from a file only its owner may read.
    func readTokens() throws -> StatusTokens {
        if let tokenFile { try TokenFile.requirePrivate(tokenFile, option: "--token-file") }
        let operatorToken = try TokenFile.read(tokenFile)
        let tenants = try tenantTokens.map { try TenantTokenFile.read($0, operatorToken: operatorToken) } ?? [:]
        return StatusTokens(operatorToken: operatorToken, tenantTokens: tenants)
    }
}

/// `host:port`, `[v6]:port`.
struct StatusAddress {
    var host: String
    var port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }
}
