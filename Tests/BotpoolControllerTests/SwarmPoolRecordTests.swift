@testable import BotpoolClients
@testable import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Testing

/// The swarm backend's record (service names and labels) and its choice of node, without a
/// swarm: the lab tests (`SwarmBackendE2E`) run the same code against real daemons.
@Suite struct SwarmPoolRecordTests {
    static let spec = PoolClassSpec(image: "i", maxBots: 2, memoryLimit: ByteCount(bytes: 1 << 30), basePort: 9100)
    static let target = PoolTarget(poolClass: "ft", tenant: "alice", index: 3)

    /// One DNS label of at most 63 characters (swarm refuses anything else), readable, and
    /// different for every instance and identity even when the slug is cut.
    @Test func serviceNamesAreOneShortDNSLabelAndInjective() {
        let name = SwarmPoolRecord.serviceName(instance: "prod", target: Self.target)
        #expect(name.hasPrefix("bp-ft-alice-3-") && name.count == "bp-ft-alice-3-".count + 12)
        let long = PoolTarget(poolClass: String(repeating: "c", count: 60), tenant: String(repeating: "t", count: 60), index: 12)
        var names: Set<String> = []
        for instance in ["a", "b"] {
            for target in [long, PoolTarget(poolClass: long.poolClass, tenant: long.tenant, index: 13), Self.target] {
                let name = SwarmPoolRecord.serviceName(instance: instance, target: target)
                #expect(name.count <= 63 && !name.contains(".") && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }, "\(name)")
                names.insert(name)
            }
        }
        #expect(names.count == 6)
    }

    @Test func theRecordRoundTripsThroughLabels() throws {
        let record = SwarmPoolRecord(
            metadata: PoolMetadata(target: Self.target, spec: Self.spec), node: "node-id-2",
            slots: [0: .init(id: BotID(tenant: "alice", name: "a"), deletionPolicy: .retain),
                    1: .init(id: BotID(tenant: "alice", name: "b"), deletionPolicy: .delete)])
        let labels = record.labels(instance: "prod")
        #expect(labels["io.botpool.slot.1"] == "alice/b/Delete" && labels["io.botpool.instance"] == "prod")
        #expect(labels[PoolLabel.stateDir] == nil && labels[PoolLabel.publish] == nil)
        #expect(try SwarmPoolRecord.parse(labels: labels).get() == record)
        #expect(record.identityLabels(instance: "prod").keys.allSatisfy { !$0.hasPrefix("io.botpool.slot.") })
    }

    /// `botpool move` marks the slot it wrote: the mark round-trips, stays while the same bot is
    /// written again (a pass's update rewrites the holder without it), and goes with the bot.
    @Test func aMoveMarkStaysWithItsBotAndGoesWithIt() throws {
        let a = BotID(tenant: "alice", name: "a")
        let record = SwarmPoolRecord(metadata: PoolMetadata(target: Self.target, spec: Self.spec), node: "n",
                                     slots: [1: .init(id: a, deletionPolicy: .retain, movedAt: 1_900_000_000)])
        let labels = record.labels(instance: "prod")
        #expect(labels["io.botpool.moved.1"] == "1900000000")
        #expect(try SwarmPoolRecord.parse(labels: labels).get() == record)
        #expect(record.identityLabels(instance: "prod")["io.botpool.moved.1"] == nil)

        let rewritten = SwarmPoolRecord.setting(slot: 1, to: .init(id: a, deletionPolicy: .delete), in: labels)
        #expect(try SwarmPoolRecord.parse(labels: rewritten).get().slots[1] == .init(id: a, deletionPolicy: .delete, movedAt: 1_900_000_000))
        let other = SwarmPoolRecord.setting(slot: 1, to: .init(id: BotID(tenant: "alice", name: "ab"), deletionPolicy: .retain), in: labels)
        #expect(other["io.botpool.moved.1"] == nil)
        #expect(SwarmPoolRecord.holder(of: 1, in: labels) == a && SwarmPoolRecord.holder(of: 0, in: labels) == nil)
        let cleared = SwarmPoolRecord.setting(slot: 1, to: nil, in: labels)
        #expect(cleared["io.botpool.slot.1"] == nil && cleared["io.botpool.moved.1"] == nil)
        for value in ["soon", "-5", "0"] {
            var forged = labels
            forged["io.botpool.moved.1"] = value
            #expect(throws: (any Error).self) { try SwarmPoolRecord.parse(labels: forged).get() }
        }
        var orphan = labels
        orphan["io.botpool.moved.2"] = "1900000000"
        #expect(throws: (any Error).self) { try SwarmPoolRecord.parse(labels: orphan).get() }
    }

    /// Labels are hostile input too (anyone with the manager API can write them): a slot that
    /// names a path, an unknown policy, or a slot past any pool's size is refused, not used.
    @Test func aForgedSlotLabelMakesTheRecordMalformed() {
        let record = SwarmPoolRecord(metadata: PoolMetadata(target: Self.target, spec: Self.spec), node: "n", slots: [:])
        for (key, value) in [("io.botpool.slot.0", "alice/../../etc/Retain"), ("io.botpool.slot.0", "alice/a/Shred"),
                             ("io.botpool.slot.99999", "alice/a/Retain"), ("io.botpool.slot.x", "alice/a/Retain"),
                             ("io.botpool.slot.0", "alice/a")] {
            var labels = record.labels(instance: "prod")
            labels[key] = value
            guard case .failure = SwarmPoolRecord.parse(labels: labels) else {
                Issue.record("\(key)=\(value) was accepted")
                continue
            }
        }
        var noNode = record.labels(instance: "prod")
        noNode[SwarmPoolRecord.nodeLabel] = nil
        guard case .failure = SwarmPoolRecord.parse(labels: noNode) else { Issue.record("a record without a node was accepted"); return }
    }

    static func node(_ name: String, memoryGiB: Int64 = 8, state: String = "ready", availability: String = "active") -> DockerEngine.SwarmNode {
        DockerEngine.SwarmNode(id: "id-\(name)", version: 1, hostname: name, availability: availability, state: state,
                               memoryBytes: memoryGiB << 30)
    }

    static func pools(_ placed: [(node: String, poolClass: String)]) -> [String: SwarmView.Pool] {
        var pools: [String: SwarmView.Pool] = [:]
        for (index, pool) in placed.enumerated() {
            let target = PoolTarget(poolClass: pool.poolClass, tenant: "alice", index: index)
            let record = SwarmPoolRecord(metadata: PoolMetadata(target: target, spec: spec), node: "id-\(pool.node)", slots: [:])
            pools[target.name] = SwarmView.Pool(record: record)
        }
        return pools
    }

    /// pack: the fullest node the pool still fits; spread: the fewest pools of its class. Never
    /// a node that is down, cordoned (pause) or drained, nor one without the memory.
    @Test func packFillsTheFullestFittingNodeAndSpreadTheEmptiest() throws {
        let nodes = [Self.node("n1"), Self.node("n2"), Self.node("n3", memoryGiB: 2)]
        let snapshot = SwarmView.Snapshot(nodes: nodes, pools: Self.pools([("n1", "ft"), ("n2", "ft"), ("n2", "other")]))
        let classes = ["ft": Self.spec, "other": Self.spec]
        // n3 has 2 GiB free (the fullest), n2 6, n1 7.
        #expect(try SwarmPlacement.choose(for: Self.target, spec: Self.spec, in: snapshot, classes: classes).hostname == "n3")
        var spread = Self.spec
        spread.nodePlacement = .spread
        #expect(try SwarmPlacement.choose(for: Self.target, spec: spread, in: snapshot, classes: classes).hostname == "n3")
        let full = SwarmView.Snapshot(nodes: nodes, pools: Self.pools([("n3", "ft"), ("n3", "ft"), ("n1", "ft")]))
        #expect(try SwarmPlacement.choose(for: Self.target, spec: Self.spec, in: full, classes: classes).hostname == "n1",
                "n3 has no GiB left; n1 is fuller than n2")
        #expect(try SwarmPlacement.choose(for: Self.target, spec: spread, in: full, classes: classes).hostname == "n2")
    }

    @Test func downCordonedAndFullNodesAreNeverChosen() throws {
        let nodes = [Self.node("n1", state: "down"), Self.node("n2", availability: "pause"), Self.node("n3", availability: "drain"),
                     Self.node("n4", memoryGiB: 1)]
        let snapshot = SwarmView.Snapshot(nodes: nodes, pools: Self.pools([("n4", "ft")]))
        #expect(throws: SwarmError.self) {
            try SwarmPlacement.choose(for: Self.target, spec: Self.spec, in: snapshot, classes: ["ft": Self.spec])
        }
        let withRoom = SwarmView.Snapshot(nodes: nodes + [Self.node("n5")], pools: snapshot.pools)
        #expect(try SwarmPlacement.choose(for: Self.target, spec: Self.spec, in: withRoom, classes: ["ft": Self.spec]).hostname == "n5")
    }

    @Test func dockerTimesAreReadToTheSubSecond() {
        #expect(SwarmBackend.timestamp("2026-11-30T13:01:02.5Z") == 1_796_043_662.5)
        #expect(SwarmBackend.timestamp("2026-11-30T13:01:02.123456789Z").map { ($0 * 1000).rounded() } == 1_796_043_662_123)
        #expect(SwarmBackend.timestamp("garbage") == nil)
    }

    /// The task swarm wants running is the current one, even when an older one is listed first.
    @Test func theCurrentTaskIsTheNewestSwarmWantsRunning() {
        let old = DockerEngine.SwarmTask(id: "t1", serviceID: "s", nodeID: "n", state: "failed", desiredState: "shutdown",
                                         createdAt: "2026-11-30T13:00:00Z")
        let new = DockerEngine.SwarmTask(id: "t2", serviceID: "s", nodeID: "n", state: "starting", desiredState: "running",
                                         createdAt: "2026-11-30T13:00:05Z")
        #expect(SwarmBackend.currentTask([old, new])?.id == "t2")
        #expect(SwarmBackend.currentTask([old])?.id == "t1")
    }
}
