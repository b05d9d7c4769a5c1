import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import BotpoolTransport
import Foundation
import Logging
import Synchronization

/// The real world behind `Backend`: pool containers through the Docker Engine API, bots
/// through each pool's supervisord, files in the host layout. Every action is idempotent.
public struct DockerBackend: PoolOperations {
    public var docker: DockerEngine.Client
    public var layout: StateLayout
    public var metrics: ControllerMetrics
    public var logger: Logger
    /// How long a new pool's supervisord may take to answer.
    public var supervisorStartTimeout: Duration = .seconds(20)
    /// Keys each pool's supervisord login; nil only where no state dir key could be read.
    public var key: ControllerKey?
    /// Set under `--etcd`: every call checks the leader's term first.
    public var fence: LeaderTerm?
    /// Probe addresses from the last `observe`, so a pass lists containers once.
    let probeAddresses = ProbeAddresses()
    /// Each settled pool's program configuration as last read, shared by the copies of a backend.
    let configCache = ProgramConfigCache()
    let configReloads = ConfigReloads()
    /// Serialises making the pool network across the copies of a `DockerBackend`.
    let networkGate = NetworkGate()
    /// nil: libcurl on each pool's socket. Fast tests script supervisord here, as they script
    /// Docker through `docker`'s transport; the socket checks still run on the real files.
    let supervisorTransport: SupervisorAccess.TransportFactory?

    public init(docker: DockerEngine.Client, layout: StateLayout, key: ControllerKey?, metrics: ControllerMetrics, logger: Logger,
                supervisorTransport: SupervisorAccess.TransportFactory? = nil) {
        self.docker = docker
        self.layout = layout
        self.key = key
        self.metrics = metrics
        self.logger = logger
        self.supervisorTransport = supervisorTransport
    }

    var runningPools: [String] { probeAddresses.current.map { Array($0.keys) } ?? [] }

    func supervisor(_ pool: String) throws -> Supervisor.Client {
        try SupervisorAccess(layout: layout, key: key).client(pool: pool, timeout: .seconds(10), transport: supervisorTransport)
    }

    /// Containers of this controller: labelled as botpool's and mounting this state dir.
    func ownContainers() async throws -> [DockerEngine.ContainerSummary] {
        try await timed("docker") {
            try await docker.listContainers(labels: [PoolLabel.managedBy: PoolLabel.managedByValue,
                                                     PoolLabel.stateDir: layout.root.path])
        }
    }

    public func probeHosts() async -> [String: String] {
        if let known = probeAddresses.current { return known }
        return Self.probeHosts(of: (try? await ownContainers()) ?? [])
    }

    /// Where the controller reaches each running pool's bot ports: the publish IP, loopback when
    /// ports are published on every address, and the container's own address when they are not
    /// published at all (`publish: ""`; nothing listens on the host then). A pool without any is
    /// left out: probes and the proxy report it unreachable rather than asking loopback.
    static func probeHosts(of containers: [DockerEngine.ContainerSummary]) -> [String: String] {
        var hosts: [String: String] = [:]
        for container in containers where container.state == "running" {
            guard case .success(let metadata) = PoolMetadata.parse(labels: container.labels) else { continue }
            switch metadata.publish {
            case "0.0.0.0", "::": hosts[metadata.name] = "127.0.0.1"
            case "": hosts[metadata.name] = container.addresses.keys.sorted().first.flatMap { container.addresses[$0] }
            default: hosts[metadata.name] = metadata.publish
            }
        }
        return hosts
    }
}

/// The latest probe addresses, shared by the copies of a `DockerBackend`.
final class ProbeAddresses: Sendable {
    private let hosts = Mutex<[String: String]?>(nil)
    var current: [String: String]? { hosts.withLock { $0 } }
    func update(_ new: [String: String]) { hosts.withLock { $0 = new } }
}
