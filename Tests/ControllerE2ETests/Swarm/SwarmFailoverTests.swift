import DockerTestSupport
import Foundation
import Testing

/// The failover drill of `ControllerFailover` on a 2-node swarm (`scripts/swarm-lab up 2`): two
/// `botpool run --backend swarm --etcd` against the manager, the leader killed while it converges;
/// the follower takes over, and at no moment do two services stand for one class/tenant/index or
/// do two pool records hold one bot.
@Suite(.serialized) struct SwarmFailoverE2E {
    static let instance = "e2eha"
    static let nodes = ["10.213.0.11", "10.213.0.12"]

    @Test func theFollowerTakesOverAKilledSwarmLeaderWithNoSlotTwice() async throws {
        try await SwarmLabNodes.with(nodes: 2) {
            try await drill()
        }
    }

    private func drill() async throws {
        try await EtcdServer.with { etcd in
            try await Fixture.with(class: "swha", basePort: 24100, maxBots: 2) { fixture in
                let flags = ["--backend", "swarm", "--swarm-instance", Self.instance,
                             "--docker-host", "unix://\(SwarmLabNodes.managerSocket)"]
                let drill = FailoverDrill(fixture: fixture, etcd: etcd, bots: (0..<4).map { "bot\($0)" }, flags: flags,
                                          answer: Self.answer, placements: Self.placements)
                print("swarm " + FailoverDrill.summary(try await drill.run(kills: 2)))
            }
        }
    }

    /// A bot answers on its pool's node only.
    static func answer(port: Int) throws -> String? {
        for node in nodes {
            let result = try Command.run("curl", ["-fsS", "--max-time", "2", "http://\(node):\(port)/healthz"])
            if result.status == 0 { return result.stdout }
        }
        return nil
    }

    /// Every service of the instance by its class/tenant/index labels, and every slot label.
    static func placements() throws -> FailoverDrill.Placements {
        let list = try Command.run("docker", [
            "-H", "unix://\(SwarmLabNodes.managerSocket)", "service", "ls", "-q", "--filter", "label=io.botpool.instance=\(instance)"])
        var pools: [String] = []
        var bots: [String] = []
        for id in list.stdout.split(separator: "\n") {
            let inspect = try Command.run("docker", ["-H", "unix://\(SwarmLabNodes.managerSocket)", "service", "inspect", String(id),
                                                     "--format", "{{json .Spec.Labels}}"])
            guard inspect.status == 0,
                  let labels = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: String]
            else { continue }  // removed in between
            pools.append("\(labels["io.botpool.class"] ?? "?")/\(labels["io.botpool.tenant"] ?? "?")/\(labels["io.botpool.index"] ?? "?")")
            bots += labels.filter { $0.key.hasPrefix("io.botpool.slot.") }.map(\.value)
        }
        return FailoverDrill.Placements(pools: pools, bots: bots)
    }
}
