import BotpoolClients
import BotpoolTransport
import Foundation

/// How the controller reaches a pool's supervisord. The socket lives in the pool's run dir,
/// which the pool writes, so it is checked to be a socket itself (not a symlink to another
/// pool's socket or to Docker's) before each client is made, and every call carries the pool's
/// own login (a swap that wins the race against the check gets 401 from any other supervisord).
/// A layout-1 pool (one read-write supervisor dir, no login) is reached where it listens until
/// it is replaced.
public struct SupervisorAccess: Sendable {
    public var layout: StateLayout
    public var key: ControllerKey?

    public init(layout: StateLayout, key: ControllerKey?) {
        self.layout = layout
        self.key = key
    }

    /// A pool made before the config/run split, still running until it is replaced.
    public func isLegacy(pool: String) -> Bool {
        let root = layout.confined
        return !root.isDirectory(StateLayout.runPath(pool: pool)) && root.isDirectory(StateLayout.legacySupervisorPath(pool: pool))
    }

    /// Where the pool's supervisord reads program files: its config dir, or the one dir of a
    /// layout-1 pool, so that removing a bot from a pool waiting to be replaced removes its
    /// file too (beneath the state dir, following no link) and supervisord does not add it
    /// back on the next reload.
    public func programConfigPath(pool: String) -> String {
        isLegacy(pool: pool) ? StateLayout.legacySupervisorPath(pool: pool) : StateLayout.configPath(pool: pool)
    }

    /// Makes the transport to a pool's socket path: libcurl on the unix socket, unless a test
    /// scripts supervisord's answers.
    public typealias TransportFactory = @Sendable (_ socketPath: String) -> any HTTPTransport

    public func client(pool: String, timeout: Duration, transport: TransportFactory? = nil) throws(ControllerError) -> Supervisor.Client {
        let root = layout.confined
        let legacy = isLegacy(pool: pool)
        let relative = (legacy ? StateLayout.legacySupervisorPath(pool: pool) : StateLayout.runPath(pool: pool))
            + "/" + Supervisor.PoolConfig.socketName
        guard root.isSocket(relative) else { throw .socketReplaced(pool: pool, path: root.absolute(relative)) }
        let path = root.absolute(relative)
        let credentials = legacy ? nil : key?.supervisorCredentials(pool: pool)
        guard let transport else { return Supervisor.Client(socketPath: path, timeout: timeout, credentials: credentials) }
        return Supervisor.Client(transport: transport(path), socketPath: path, timeout: timeout, credentials: credentials)
    }
}
