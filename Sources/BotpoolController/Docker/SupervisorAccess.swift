import BotpoolClients
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

    public func client(pool: String, timeout: Duration) throws(ControllerError) -> Supervisor.Client {
        let root = layout.confined
        let legacy = !root.isDirectory(StateLayout.runPath(pool: pool))
            && root.isDirectory(StateLayout.legacySupervisorPath(pool: pool))
        let relative = (legacy ? StateLayout.legacySupervisorPath(pool: pool) : StateLayout.runPath(pool: pool))
            + "/" + Supervisor.PoolConfig.socketName
        guard root.isSocket(relative) else { throw .socketReplaced(pool: pool, path: root.absolute(relative)) }
        return Supervisor.Client(socketPath: root.absolute(relative), timeout: timeout,
                                 credentials: legacy ? nil : key?.supervisorCredentials(pool: pool))
    }
}
