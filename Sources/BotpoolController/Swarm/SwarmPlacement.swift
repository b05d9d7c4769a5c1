import BotpoolClients
import BotpoolManifest
import BotpoolPlanner

/// Which node a new pool goes to. Candidates are the nodes that are ready, active (not
/// cordoned) and have the class's memory limit free, counting every pool of this instance
/// pinned to them at its class's limit. `pack` takes the fullest candidate (least memory free,
/// then most pools), so nodes empty out for other work; `spread` the one with the fewest pools
/// of the class (then fewest pools), so a node's loss takes the fewest bots of one kind.
enum SwarmPlacement {
    static func choose(
        for target: PoolTarget, spec: PoolClassSpec, in snapshot: SwarmView.Snapshot, classes: [String: PoolClassSpec]
    ) throws -> DockerEngine.SwarmNode {
        let need = spec.memoryLimit?.bytes ?? 0
        var used: [String: Int64] = [:]
        var pools: [String: Int] = [:]
        var ofClass: [String: Int] = [:]
        for pool in snapshot.pools.values {
            let node = pool.record.node
            used[node, default: 0] += classes[pool.record.metadata.poolClass]?.memoryLimit?.bytes ?? 0
            pools[node, default: 0] += 1
            if pool.record.metadata.poolClass == target.poolClass { ofClass[node, default: 0] += 1 }
        }
        let free = { (node: DockerEngine.SwarmNode) in node.memoryBytes - (used[node.id] ?? 0) }
        let ready = snapshot.nodes.filter { $0.state == "ready" && $0.availability == "active" }
        let candidates = ready.filter { need == 0 || free($0) >= need }
        guard !candidates.isEmpty else {
            let reason = ready.isEmpty
                ? "no node is ready and active (\(snapshot.nodes.count) in the swarm)"
                : "no ready node has \(need >> 20) MiB free for the class's memoryLimit"
            throw SwarmError.noNode(pool: target.name, reason: reason)
        }
        let ordered = candidates.sorted { a, b in
            switch spec.nodePlacement {
            case .pack:
                if free(a) != free(b) { return free(a) < free(b) }
                if pools[a.id, default: 0] != pools[b.id, default: 0] { return pools[a.id, default: 0] > pools[b.id, default: 0] }
            case .spread:
                if ofClass[a.id, default: 0] != ofClass[b.id, default: 0] { return ofClass[a.id, default: 0] < ofClass[b.id, default: 0] }
                if pools[a.id, default: 0] != pools[b.id, default: 0] { return pools[a.id, default: 0] < pools[b.id, default: 0] }
            }
            return a.hostname == b.hostname ? a.id < b.id : a.hostname < b.hostname
        }
        return ordered[0]
    }
}
