import BotpoolClients
import Synchronization

/// What the last observe read from the swarm, shared by the copies of a `SwarmBackend`: where
/// each pool's supervisord answers, and the nodes with the pools on them (for placement, which
/// also counts the pools it created since).
final class SwarmView: Sendable {
    /// Where a pool's supervisord answers, and where its bots' ports are.
    struct Endpoint: Equatable, Sendable {
        /// The task's overlay address (`SwarmChannel.overlay`), or its node's address.
        var host: String
        var port: Int
        /// The control container's network namespace, for the overlay channel.
        var namespace: String?
        /// The node's address: bots' ports are published there in host mode.
        var nodeAddress: String
    }

    /// The container on the manager whose network namespace the controller's connections to
    /// pools are opened in (`SwarmChannel.overlay`).
    struct Control: Equatable, Sendable {
        var id: String
        var namespace: String
        /// The pool overlays it has joined.
        var networks: Set<String>
    }

    struct Pool: Sendable {
        var record: SwarmPoolRecord
        /// nil unless its task runs and has published its control port.
        var endpoint: Endpoint?
    }

    struct Snapshot: Sendable {
        var nodes: [DockerEngine.SwarmNode] = []
        var pools: [String: Pool] = [:]
    }

    private let state = Mutex(Snapshot())
    private let controlState = Mutex<Control?>(nil)

    var current: Snapshot { state.withLock { $0 } }

    var control: Control? {
        get { controlState.withLock { $0 } }
        set { controlState.withLock { $0 = newValue } }
    }

    func controlJoined(_ network: String) {
        controlState.withLock { _ = $0?.networks.insert(network) }
    }

    func controlLeft(_ network: String) {
        controlState.withLock { _ = $0?.networks.remove(network) }
    }

    func update(_ snapshot: Snapshot) {
        state.withLock { $0 = snapshot }
    }

    func setPool(_ name: String, _ pool: Pool?) {
        state.withLock { $0.pools[name] = pool }
    }

    /// Runs `choose` on the current view and records its pool in the same step, so pools
    /// created in parallel see each other.
    func place(_ name: String, _ choose: (Snapshot) throws -> Pool) rethrows -> Pool {
        try state.withLock { snapshot in
            let pool = try choose(snapshot)
            snapshot.pools[name] = pool
            return pool
        }
    }
}

/// One record change at a time per pool: placements into one pool run in parallel in a pass,
/// and each is a read-modify-write of the service's labels.
actor RecordGate {
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    func withPool<T: Sendable>(_ pool: String, _ body: @Sendable () async throws -> T) async throws -> T {
        await lock(pool)
        defer { unlock(pool) }
        return try await body()
    }

    private func lock(_ pool: String) async {
        guard busy.contains(pool) else {
            busy.insert(pool)
            return
        }
        await withCheckedContinuation { waiting[pool, default: []].append($0) }
    }

    private func unlock(_ pool: String) {
        if var queue = waiting[pool], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[pool] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            busy.remove(pool)
        }
    }
}
