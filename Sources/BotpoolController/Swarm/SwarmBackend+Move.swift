import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Foundation

/// What `botpool move` did: where the bot runs from now on, and the copies it leaves.
public struct SwarmMove: Codable, Sendable, Equatable {
    public struct Copy: Codable, Sendable, Equatable {
        public var pool: String
        public var node: String
        public var nodeState: String
    }

    public var bot: String
    public var node: String
    public var pool: String
    public var port: Int
    public var createdPool: Bool
    /// False when the bot already had its newest copy on the node: nothing was written.
    public var changed: Bool
    /// The bot's other copies, each with its data dir on its node: removed (data kept there)
    /// by the next pass that can reach them.
    public var leftBehind: [Copy]
}

extension SwarmBackend {
    /// `botpool move BOT --to NODE`: records the bot, marked as moved now, in a pool of its
    /// class and tenant on the node (one with a free slot and memory, else a new one). That one
    /// write is the whole move: from the next pass on, the planner keeps the copy moved last and
    /// removes every other as a duplicate, without its data, as soon as that copy's pool can be
    /// reached again (a pool on a lost node stays held until the node returns, so its copy is
    /// stopped and removed then, never left running beside the new one). The bot starts on
    /// the new node with an empty data dir: its data stays behind on the old node.
    public func move(_ id: BotID, to nodeName: String, desired: DesiredState, now: Date = Date()) async throws -> SwarmMove {
        guard let bot = desired.bots.first(where: { $0.id == id }) else {
            throw SwarmError.cannotMove(desired.frozenBots.contains(id)
                ? "bot \(id)'s manifest is invalid; fix it first (botpool validate)"
                : "no manifest declares bot \(id)")
        }
        let className = bot.spec.poolClass
        guard let spec = desired.poolClasses[className] else {
            throw SwarmError.cannotMove("bot \(id) names pool class \(className), which no manifest declares")
        }
        guard spec.tenancy == .dedicated else { throw SwarmError.sharedClass(className) }
        let nodes = try await timed("docker") { try await docker.listNodes() }
        let node = try Self.node(named: nodeName, in: nodes)
        guard node.state == "ready", node.availability == "active" else {
            throw SwarmError.cannotMove("node \(node.hostname) is \(node.state) and \(node.availability): a bot moves only to a ready, active node")
        }
        let records = try await timed("docker") {
            try await docker.listServices(labels: SwarmPoolRecord.ownerLabels(instance: instance).mapValues { Optional($0) })
        }.compactMap { service -> SwarmPoolRecord? in
            if case .success(let record) = SwarmPoolRecord.parse(labels: service.labels) { return record }
            return nil
        }
        let copies = records.flatMap { record in
            record.slots.filter { $0.value.id == id }.map { (record: record, slot: $0.key, holder: $0.value) }
        }
        let hostnames = Dictionary(nodes.map { ($0.id, ($0.hostname, $0.state)) }, uniquingKeysWith: { first, _ in first })
        let newest = copies.max { ($0.holder.movedAt ?? 0) < ($1.holder.movedAt ?? 0) }
        func leftBehind(except pool: String) -> [SwarmMove.Copy] {
            copies.filter { $0.record.metadata.name != pool }.map { copy in
                let (host, state) = hostnames[copy.record.node] ?? (copy.record.node, "gone")
                return SwarmMove.Copy(pool: copy.record.metadata.name, node: host, nodeState: state)
            }
        }
        if let newest, newest.record.node == node.id, copies.count == 1 || newest.holder.movedAt != nil {
            let pool = newest.record.metadata
            return SwarmMove(bot: id.description, node: node.hostname, pool: pool.name, port: pool.basePort + newest.slot,
                             createdPool: false, changed: false, leftBehind: leftBehind(except: pool.name))
        }
        // Later than any mark already on the bot, whatever the clocks say.
        let mark = max(Int(now.timeIntervalSince1970), (copies.compactMap(\.holder.movedAt).max() ?? 0) + 1)
        let holder = SwarmPoolRecord.Slot(id: id, deletionPolicy: bot.spec.deletionPolicy, movedAt: mark)
        let memory = Dictionary(desired.bots.map { ($0.id, $0.memoryBytes) }, uniquingKeysWith: { first, _ in first })
        let candidates = records.filter {
            $0.node == node.id && $0.metadata.poolClass == className && $0.metadata.tenant == id.tenant
                && !$0.slots.values.contains { $0.id == id }
        }.sorted { $0.metadata.name < $1.metadata.name }
        for record in candidates {
            let used = record.slots.values.reduce(Int64(0)) { $0 + (memory[$1.id] ?? 0) }
            if let limit = spec.memoryLimit?.bytes, used + bot.memoryBytes > limit { continue }
            for slot in 0..<spec.maxBots where record.slots[slot] == nil {
                if try await claim(slot, of: record.metadata.target, for: holder) {
                    return SwarmMove(bot: id.description, node: node.hostname, pool: record.metadata.name,
                                     port: record.metadata.basePort + slot, createdPool: false, changed: true,
                                     leftBehind: leftBehind(except: record.metadata.name))
                }
            }
        }
        let target = try newPool(for: id.tenant, spec: spec, className: className, on: node, records: records, classes: desired.poolClasses)
        let record = SwarmPoolRecord(metadata: PoolMetadata(target: target, spec: spec), node: node.id, slots: [0: holder])
        try await createService(record, spec: spec)
        return SwarmMove(bot: id.description, node: node.hostname, pool: target.name, port: record.metadata.basePort,
                         createdPool: true, changed: true, leftBehind: leftBehind(except: target.name))
    }

    static func node(named name: String, in nodes: [DockerEngine.SwarmNode]) throws -> DockerEngine.SwarmNode {
        let matches = nodes.filter { $0.hostname == name || $0.id == name }
        guard matches.count == 1, let node = matches.first else {
            throw SwarmError.unknownNode(matches.isEmpty
                ? "no node named \(name) (nodes: \(nodes.map(\.hostname).sorted().joined(separator: ", ")))"
                : "\(matches.count) nodes are named \(name); use the node ID")
        }
        return node
    }

    /// Sets the slot to `holder` only if it is still free when the write happens.
    private func claim(_ slot: Int, of pool: PoolTarget, for holder: SwarmPoolRecord.Slot) async throws -> Bool {
        let service = SwarmPoolRecord.serviceName(instance: instance, target: pool)
        let key = SwarmPoolRecord.slotPrefix + String(slot)
        let value = SwarmPoolRecord.slotValue(holder)
        for _ in 0..<8 {
            let result = try await timed("docker") {
                try await docker.updateServiceLabels(service) { labels in
                    labels[key] == nil ? SwarmPoolRecord.setting(slot: slot, to: holder, in: labels) : labels
                }
            }
            switch result {
            case .updated: return true
            case .unchanged(let labels): return labels[key] == value
            case .absent: return false
            case .conflict: try await Task.sleep(for: .milliseconds(Int.random(in: 50...250)))
            }
        }
        throw SwarmError.recordConflict(pool: pool.name)
    }

    /// The lowest free index of the class (ports derive from it) on a node with the class's
    /// memory limit free.
    private func newPool(
        for tenant: String, spec: PoolClassSpec, className: String, on node: DockerEngine.SwarmNode,
        records: [SwarmPoolRecord], classes: [String: PoolClassSpec]
    ) throws -> PoolTarget {
        let used = records.filter { $0.node == node.id }.reduce(Int64(0)) { $0 + (classes[$1.metadata.poolClass]?.memoryLimit?.bytes ?? 0) }
        if let need = spec.memoryLimit?.bytes, node.memoryBytes - used < need {
            throw SwarmError.cannotMove("node \(node.hostname) has \((node.memoryBytes - used) >> 20) MiB left, and a pool of class \(className) needs \(need >> 20) MiB")
        }
        let indexes = Set(records.filter { $0.metadata.poolClass == className }.map(\.metadata.index))
        guard let index = (0..<spec.maxPools).first(where: { !indexes.contains($0) }) else {
            throw SwarmError.cannotMove("class \(className) has its maxPools (\(spec.maxPools)) pools already")
        }
        return PoolTarget(poolClass: className, tenant: tenant, index: index)
    }
}
