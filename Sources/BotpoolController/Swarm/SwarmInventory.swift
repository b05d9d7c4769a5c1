import BotpoolClients
import Foundation

/// The swarm's nodes as an operator sees them from botpool: state, availability (cordon),
/// capacity, and the pools and bots of one controller instance on each, read from the records.
public struct NodeView: Codable, Sendable, Equatable {
    public var name: String
    public var id: String
    public var role: String
    /// ready, down, unknown, disconnected.
    public var state: String
    /// active, pause (cordoned by botpool), drain.
    public var availability: String
    public var address: String
    public var cpus: Double
    public var memoryBytes: Int64
    public var pools: Int
    public var bots: Int
}

public enum SwarmInventory {
    public static func nodes(docker: DockerEngine.Client, instance: String) async throws -> [NodeView] {
        let nodes = try await docker.listNodes()
        let services = try await docker.listServices(labels: SwarmPoolRecord.ownerLabels(instance: instance).mapValues { Optional($0) })
        var pools: [String: Int] = [:]
        var bots: [String: Int] = [:]
        for service in services {
            guard case .success(let record) = SwarmPoolRecord.parse(labels: service.labels) else { continue }
            pools[record.node, default: 0] += 1
            bots[record.node, default: 0] += record.slots.count
        }
        return nodes.map { node in
            NodeView(name: node.hostname, id: node.id, role: node.role, state: node.state, availability: node.availability,
                     address: node.address, cpus: Double(node.nanoCPUs) / 1e9, memoryBytes: node.memoryBytes,
                     pools: pools[node.id] ?? 0, bots: bots[node.id] ?? 0)
        }.sorted { $0.name == $1.name ? $0.id < $1.id : $0.name < $1.name }
    }

    /// Cordon: swarm availability `pause`. New pools avoid the node (botpool's placement and
    /// swarm's scheduler both), and its pools keep running. Not `drain`: swarm would stop the
    /// pinned pools' tasks, with nowhere else to run them. Uncordon: `active`.
    public static func setCordoned(
        _ cordoned: Bool, node name: String, docker: DockerEngine.Client, instance: String
    ) async throws -> NodeView? {
        for _ in 0..<5 {
            let node = try SwarmBackend.node(named: name, in: try await docker.listNodes())
            do {
                try await docker.updateNode(node, availability: cordoned ? "pause" : "active")
                return try await self.nodes(docker: docker, instance: instance).first { $0.id == node.id }
            } catch let error as DockerEngine.Error where "\(error)".contains("out of sequence") {
                continue
            }
        }
        return nil
    }
}
