@testable import BotpoolClients
@testable import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Testing

/// Where probes, the proxy and trading reads reach a pool's bot ports, by its `publish`.
@Suite struct ProbeHostsTests {
    private func container(_ index: Int, publish: String, addresses: [String: String] = [:]) -> DockerEngine.ContainerSummary {
        var spec = PoolClassSpec(image: "botpool/pool:dev", maxBots: 2, basePort: 9100)
        spec.publish = publish
        let target = PoolTarget(poolClass: "c", tenant: "alice", index: index)
        let labels = PoolMetadata(target: target, spec: spec).labels(stateDir: "/state")
        return DockerEngine.ContainerSummary(id: target.name, name: target.name, image: "botpool/pool:dev", state: "running",
                                             status: "Up", labels: labels, created: 0, addresses: addresses)
    }

    @Test func unpublishedPoolsAreReachedAtTheirOwnAddress() {
        let pools = [
            container(0, publish: "127.0.0.1"),
            container(1, publish: "0.0.0.0"),
            container(2, publish: "", addresses: ["botpool-s1": "172.18.0.7"]),
            container(3, publish: ""),
        ]
        let names = pools.map(\.name)
        #expect(DockerBackend.probeHosts(of: pools) == [names[0]: "127.0.0.1", names[1]: "127.0.0.1", names[2]: "172.18.0.7"])
    }
}
