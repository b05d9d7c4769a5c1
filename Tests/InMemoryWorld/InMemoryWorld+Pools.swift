import BotpoolManifest
import BotpoolPlanner

extension InMemoryWorld {
    struct Failure: Error {
        var message: String
    }

    func poolIndex(_ name: String) throws(Failure) -> Int {
        guard let index = state.pools.firstIndex(where: { $0.name == name }) else {
            throw Failure(message: "pool \(name): no such container")
        }
        return index
    }

    func spec(_ poolClass: String, in desired: DesiredState) throws(Failure) -> PoolClassSpec {
        guard let spec = desired.poolClasses[poolClass] else { throw Failure(message: "pool class \(poolClass) not declared") }
        return spec
    }

    mutating func createPool(_ target: PoolTarget, desired: DesiredState, now: Timestamp) throws(Failure) {
        if state.pools.contains(where: { $0.name == target.name }) {
            throw Failure(message: "pool \(target.name): conflict, the container name is in use")
        }
        let spec = try spec(target.poolClass, in: desired)
        state.pools.append(ObservedPool(
            name: target.name, poolClass: target.poolClass, tenant: target.tenant, index: target.index,
            basePort: spec.port(poolIndex: target.index, slot: 0), templateHash: spec.templateHash,
            createdAt: now, emptiedSince: now
        ))
    }

    mutating func removePool(_ name: String) throws(Failure) {
        let index = try poolIndex(name)
        guard state.pools[index].bots.isEmpty else { throw Failure(message: "pool \(name): not empty") }
        state.pools.remove(at: index)
    }

    /// A new container on the same host directory: supervisord starts every program whose
    /// config says autostart (spec.state running; programs without a manifest keep running).
    mutating func replacePool(_ name: String, desired: DesiredState, now: Timestamp) throws(Failure) {
        let index = try poolIndex(name)
        let spec = try spec(state.pools[index].poolClass, in: desired)
        state.pools[index].templateHash = spec.templateHash
        state.pools[index].container = .running
        state.pools[index].createdAt = now
        for slot in state.pools[index].bots.indices {
            let id = state.pools[index].bots[slot].id
            let wanted = desired.bots.first { $0.id == id }
            if wanted?.spec.state == .stopped {
                state.pools[index].bots[slot].process = .stopped
                state.pools[index].bots[slot].pid = nil
            } else {
                start(pool: index, bot: slot, desired: desired, now: now)
            }
        }
    }

    /// Fault: the pool's container disappears (its host directory stays, so its programs are still known).
    public mutating func vanish(pool name: String) {
        bringDown(pool: name, to: .missing)
    }

    /// Fault: the pool's container exits.
    public mutating func exitContainer(pool name: String) {
        bringDown(pool: name, to: .exited)
    }

    /// Fault: the pool's node goes down and the backend holds the pool; nil: the node is back and
    /// the pool reads as it was (its container ran on, out of reach).
    public mutating func hold(pool name: String, _ hold: PoolHold?) {
        guard let index = state.pools.firstIndex(where: { $0.name == name }) else { return }
        state.pools[index].hold = hold
    }

    private mutating func bringDown(pool name: String, to container: ContainerState) {
        guard let index = state.pools.firstIndex(where: { $0.name == name }) else { return }
        state.pools[index].container = container
        for slot in state.pools[index].bots.indices {
            state.pools[index].bots[slot].process = .unknown
            state.pools[index].bots[slot].pid = nil
        }
    }
}
