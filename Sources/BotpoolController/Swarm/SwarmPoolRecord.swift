import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Crypto
import Foundation

/// What the controller placed, kept in swarm's store as labels on the pool's service: the
/// pool's identity (as `PoolMetadata`'s container labels), the node it is pinned to, and which
/// bot holds each slot. A label-only update keeps the running task, so recording a placement
/// costs no restart. This record, not what a pool's supervisord answers, says which bots a pool
/// holds: a pool on a node that is down still holds them, and a hostile pool cannot add any.
struct SwarmPoolRecord: Equatable, Sendable {
    var metadata: PoolMetadata
    /// The swarm node ID the service is pinned to (`node.id==`).
    var node: String
    var slots: [Int: Slot]

    init(metadata: PoolMetadata, node: String, slots: [Int: Slot]) {
        self.metadata = metadata
        // Bot ports are published on every address of the pool's node.
        self.metadata.publish = ""
        self.node = node
        self.slots = slots
    }

    struct Slot: Equatable, Sendable {
        var id: BotID
        var deletionPolicy: DeletionPolicy
        /// When `botpool move` put the bot here (Unix seconds): of two copies of a bot, the one
        /// moved last is kept, so the copy left on a lost node is removed when the node returns.
        var movedAt: Int? = nil
    }

    static let instanceLabel = "io.botpool.instance"
    static let nodeLabel = "io.botpool.node"
    static let slotPrefix = "io.botpool.slot."
    static let movedPrefix = "io.botpool.moved."

    /// The labels of every object one controller instance owns (services, networks, secrets, configs).
    static func ownerLabels(instance: String) -> [String: String] {
        [PoolLabel.managedBy: PoolLabel.managedByValue, instanceLabel: instance]
    }

    /// `bp-<class>-<tenant or shared>-<index>-<12 hex>`: swarm names must be one DNS label (no
    /// `.`, at most 63 characters), so the pool's own name cannot be used. The hash of instance
    /// and identity keeps names injective whatever the slug loses.
    static func serviceName(instance: String, target: PoolTarget) -> String {
        let identity = "\(instance)/\(target.poolClass)/\(target.tenant ?? PoolMetadata.sharedTenant)/\(target.index)"
        let hash = SHA256.hash(data: Data(identity.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
        var slug = "\(target.poolClass)-\(target.tenant ?? "shared")-\(target.index)"
            .map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }
        slug = Array(slug.prefix(46))
        while slug.last == "-" { slug.removeLast() }
        return "bp-\(String(slug))-\(hash)"
    }

    /// The service labels, for `instance`. The state dir and publish labels of a container mean
    /// nothing across hosts and are left out.
    func labels(instance: String) -> [String: String] {
        var labels = metadata.labels(stateDir: "")
        labels[PoolLabel.stateDir] = nil
        labels[PoolLabel.publish] = nil
        labels.merge(Self.ownerLabels(instance: instance)) { _, new in new }
        labels[Self.nodeLabel] = node
        for (slot, holder) in slots {
            labels[Self.slotPrefix + String(slot)] = Self.slotValue(holder)
            labels[Self.movedPrefix + String(slot)] = holder.movedAt.map(String.init)
        }
        return labels
    }

    /// The labels that say what the pool is, without its slots: compared when a create finds the
    /// name taken.
    func identityLabels(instance: String) -> [String: String] {
        labels(instance: instance).filter { !$0.key.hasPrefix(Self.slotPrefix) && !$0.key.hasPrefix(Self.movedPrefix) }
    }

    static func slotValue(_ slot: Slot) -> String {
        "\(slot.id.tenant)/\(slot.id.name)/\(slot.deletionPolicy.rawValue)"
    }

    /// The bot a slot label names, as far as it reads as one.
    static func holder(of slot: Int, in labels: [String: String]) -> BotID? {
        guard let parts = labels[slotPrefix + String(slot)]?.split(separator: "/", omittingEmptySubsequences: false),
              parts.count == 3 else { return nil }
        return BotID(tenant: String(parts[0]), name: String(parts[1]))
    }

    /// `labels` with one slot set to `holder` (nil clears it). A holder without a move mark
    /// keeps the mark already there when it is the same bot.
    static func setting(slot: Int, to holder: Slot?, in labels: [String: String]) -> [String: String] {
        let slotKey = slotPrefix + String(slot)
        let movedKey = movedPrefix + String(slot)
        var changed = labels
        let sameBot = holder != nil && Self.holder(of: slot, in: labels) == holder?.id
        changed[slotKey] = holder.map(slotValue)
        if let moved = holder?.movedAt {
            changed[movedKey] = String(moved)
        } else if !sameBot {
            changed[movedKey] = nil
        }
        return changed
    }

    static func parse(labels: [String: String]) -> Result<SwarmPoolRecord, MalformedLabels> {
        var withPublish = labels
        withPublish[PoolLabel.publish] = ""
        let metadata: PoolMetadata
        switch PoolMetadata.parse(labels: withPublish) {
        case .success(let parsed): metadata = parsed
        case .failure(let problem): return .failure(problem)
        }
        guard let node = labels[nodeLabel], !node.isEmpty else {
            return .failure(MalformedLabels(problem: "label \(nodeLabel) missing"))
        }
        var slots: [Int: Slot] = [:]
        for (key, value) in labels where key.hasPrefix(slotPrefix) {
            let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard let slot = Int(key.dropFirst(slotPrefix.count)), (0..<ReadBack.maxSlots).contains(slot), parts.count == 3,
                  let policy = DeletionPolicy(rawValue: parts[2])
            else { return .failure(MalformedLabels(problem: "label \(key)=\(value) is not slot=tenant/bot/policy")) }
            let id = BotID(tenant: parts[0], name: parts[1])
            if let problem = id.problem { return .failure(MalformedLabels(problem: "label \(key): \(problem)")) }
            slots[slot] = Slot(id: id, deletionPolicy: policy)
        }
        for (key, value) in labels where key.hasPrefix(movedPrefix) {
            guard let slot = Int(key.dropFirst(movedPrefix.count)), slots[slot] != nil, let seconds = Int(value), seconds > 0 else {
                return .failure(MalformedLabels(problem: "label \(key)=\(value) is not moved.<slot of a bot>=<unix seconds>"))
            }
            slots[slot]?.movedAt = seconds
        }
        return .success(SwarmPoolRecord(metadata: metadata, node: node, slots: slots))
    }
}
