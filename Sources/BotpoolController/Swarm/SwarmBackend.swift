import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import BotpoolTransport
import Foundation
import Logging
import Synchronization

/// Pools as one-replica swarm services, through a swarm manager's Engine API: each pinned to
/// one node, its bots' ports published in host mode there, alone on its own overlay network,
/// its supervisord reached over TCP on that overlay (`SwarmChannel`), behind the pool's own
/// login. The controller never touches
/// a node's files: bot programs and data dirs are written by the pool's own supervisord, through
/// botpool's rpc plugin (`Supervisor.SwarmPoolPlugin`), on the same channel.
///
/// Observe is one node list, one service list and one task list, then each running pool's
/// supervisord. What each pool holds is read from its service's labels (`SwarmPoolRecord`).
public struct SwarmBackend: PoolOperations {
    public var docker: DockerEngine.Client
    /// Names this controller's objects in a swarm that others may share.
    public var instance: String
    public var key: ControllerKey
    public var metrics: ControllerMetrics
    public var logger: Logger
    /// Set under `--etcd`: every call checks the leader's term first.
    public var fence: LeaderTerm?
    /// How long a new pool's task may take to run and answer (image start, port release).
    public var startTimeout: Duration = .seconds(90)
    /// A pool whose task is not running is left to swarm for this long before it is replaced.
    public var restartGrace: Duration = .seconds(60)
    /// How supervisord is reached: over the pool's overlay, or on a port published on its node.
    public var channel: SwarmChannel = .overlay
    /// The image of the control container (`SwarmChannel.overlay`): any image with `sleep`.
    public var controlImage = "botpool/pool:dev"
    let view = SwarmView()
    let recordGate = RecordGate()
    let configReloads = ConfigReloads()

    public init(docker: DockerEngine.Client, instance: String, key: ControllerKey, metrics: ControllerMetrics, logger: Logger) {
        self.docker = docker
        self.instance = instance
        self.key = key
        self.metrics = metrics
        self.logger = logger
    }

    var runningPools: [String] { view.current.pools.filter { $0.value.endpoint != nil }.map(\.key) }

    public func probeHosts() async -> [String: String] {
        view.current.pools.compactMapValues { $0.endpoint?.nodeAddress }
    }

    /// The supervisord of a pool that ran at the last observe (or that this controller just
    /// started), with its login.
    func supervisor(_ pool: String) throws -> Supervisor.Client {
        guard let endpoint = view.current.pools[pool]?.endpoint else { throw SwarmError.poolNotRunning(pool) }
        return supervisor(endpoint, pool: pool)
    }

    func supervisor(_ endpoint: SwarmView.Endpoint, pool: String) -> Supervisor.Client {
        let url = HTTPEndpoint.http(host: endpoint.host, port: endpoint.port)
        let name = url.description + (endpoint.namespace == nil ? "" : " (pool overlay)")
        return Supervisor.Client(transport: CurlTransport(endpoint: url, networkNamespace: endpoint.namespace), socketPath: name,
                                 timeout: .seconds(10),
                                 credentials: key.supervisorCredentials(pool: pool))
    }
}

public enum SwarmError: Error, CustomStringConvertible {
    case poolNotRunning(String)
    case noNode(pool: String, reason: String)
    case sharedClass(String)
    case notStarted(pool: String, seconds: Int, state: String)
    case recordConflict(pool: String)
    case notAManager(String)
    case unknownNode(String)
    case cannotMove(String)
    case slotTaken(pool: String, slot: Int, by: String)
    case control(String)

    public var description: String {
        switch self {
        case .poolNotRunning(let pool): "pool \(pool) has no running task on the swarm"
        case .noNode(let pool, let reason): "no node for pool \(pool): \(reason)"
        case .sharedClass(let name):
            "pool class \(name) is shared (tenancy: Shared); the swarm backend runs dedicated classes only"
        case .notStarted(let pool, let seconds, let state):
            "pool \(pool) did not start within \(seconds) s on the swarm (task: \(state))"
        case .recordConflict(let pool): "the record of pool \(pool) kept changing under this controller"
        case .notAManager(let detail): "--backend swarm needs a swarm manager's Engine API: \(detail)"
        case .unknownNode(let detail): detail
        case .cannotMove(let reason): "cannot move: \(reason)"
        case .slotTaken(let pool, let slot, let other): "slot \(slot) of pool \(pool) now holds bot \(other); planned again next pass"
        case .control(let detail): "the control channel into swarm pools: \(detail)"
        }
    }
}
