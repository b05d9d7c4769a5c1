import BotpoolClients
import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import BotpoolTransport
import Foundation
import Logging

/// The real controller parts for the options every command shares: a Docker client for
/// `--docker-host`, the host layout under `--state-dir`, manifests from `--manifests` (or,
/// for `apply --dry-run`, a set held in memory).
struct LiveController {
    var backend: any Backend
    var docker: DockerEngine.Client
    /// Pool memory from the host's /proc: only where pools run on this host (the Docker backend).
    var memory: PoolMemorySampler?
    var reconciler: Reconciler
    var store: StatusStore
    var metrics: ControllerMetrics

    static func connect(
        _ options: CommonOptions, reconcile: Reconciler.Options = .init(), logger: Logger,
        health: (@Sendable () async -> [BotID: HealthHistory])? = nil,
        trading: (@Sendable () async -> [BotID: TradingState])? = nil,
        tradingCommand: (@Sendable (TradingWatch.Command, TradingWatch.Target) async throws -> Void)? = nil,
        manifests load: (@Sendable () throws -> ManifestSet)? = nil,
        store: StatusStore = StatusStore(), metrics: ControllerMetrics = ControllerMetrics()
    ) async throws -> LiveController {
        let certificates = ProcessInfo.processInfo.environment["DOCKER_CERT_PATH"].map { TLSOptions(dockerCertPath: $0) }
        let transport = try CurlTransport(endpoint: options.dockerHostURL, tls: certificates)
        let docker = try await DockerEngine.Client.connect(transport: transport, logger: logger)
        let layout = StateLayout(path: options.stateDirPath)
        // `run` makes the key on first start; read-only commands use it when they can read it.
        let key = reconcile.dryRun ? ControllerKey.existing(layout) : try ControllerKey.load(layout)
        let backend: any Backend
        var memory: PoolMemorySampler?
        switch try options.backendKind {
        case .docker:
            var local = DockerBackend(docker: docker, layout: layout, key: key, metrics: metrics, logger: logger)
            local.fence = reconcile.fence
            backend = local
            memory = PoolMemorySampler(docker: docker)
        case .swarm:
            let swarm = try await docker.swarmState()
            guard swarm.isManager else {
                throw SwarmError.notAManager("\(options.dockerHostURL) is a \(swarm.localNodeState == "active" ? "worker" : "daemon outside any swarm (\(swarm.localNodeState))")")
            }
            // Pool logins derive from the key: a read-only command must use the controller's.
            guard let key else {
                throw ControllerError.file("no controller.key in \(layout.root.path): give the --state-dir of the swarm controller (its key makes the pools' logins)")
            }
            var manager = SwarmBackend(docker: docker, instance: try options.swarmInstanceName, key: key, metrics: metrics, logger: logger)
            manager.fence = reconcile.fence
            manager.channel = try options.swarmChannelKind
            manager.controlImage = options.swarmControlImageName
            backend = manager
        }
        // Each pass parses only the files whose bytes changed since the last.
        let loader = ManifestLoader(tenantDirectories: options.tenancy.enabled, cache: ManifestFileCache())
        var reconcile = reconcile
        reconcile.key = key
        let manifests = options.manifestsPath
        reconcile.secretsDir = options.secretsDirPath
        let git = GitProvenanceReader()
        let reconciler = Reconciler(
            backend: backend,
            loadManifests: load ?? {
                var set = try loader.load(directory: manifests, git: git)
                set.warnAboutEphemeralPorts()
                return set
            },
            health: health ?? { [:] },
            trading: trading ?? { [:] },
            tradingCommand: tradingCommand,
            options: reconcile, store: store, metrics: metrics, logger: logger
        )
        return LiveController(backend: backend, docker: docker, memory: memory, reconciler: reconciler, store: store, metrics: metrics)
    }
}
