import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Two `botpool run --etcd` on one manifests dir and one state dir: one leads, the other
    /// follows and names it; `kill -9` of the leader while it converges hands over to the
    /// follower, and at no time do two pool containers stand for one class/tenant/index or does
    /// a bot run in two pools. The same drill on the swarm backend: `SwarmFailoverE2E`.
    @Suite struct ControllerFailover {
        @Test func theFollowerTakesOverAKilledLeaderWithNoSlotTwice() async throws {
            try await EtcdServer.with { etcd in
                try await Fixture.with(class: "e2eha", basePort: 24000, maxBots: 2) { fixture in
                    let drill = FailoverDrill(fixture: fixture, etcd: etcd, bots: (0..<4).map { "bot\($0)" }) {
                        try await Self.placements(fixture)
                    }
                    print(FailoverDrill.summary(try await drill.run(kills: 5)))
                    #expect(Set(try await fixture.pids().keys) == Set(drill.bots))
                }
            }
        }

        /// Every pool container of the test by its class/tenant/index labels, and every program.
        static func placements(_ fixture: Fixture) async throws -> FailoverDrill.Placements {
            let list = try Command.run("docker", [
                "ps", "-a", "--filter", "label=io.botpool.managed-by=botpool", "--filter", "name=\(fixture.poolPrefix)",
                "--format", #"{{.Label "io.botpool.class"}}/{{.Label "io.botpool.tenant"}}/{{.Label "io.botpool.index"}}"#])
            // A pool mid-replacement may not answer yet: polled again, and checked strictly at the end.
            let programs = (try? await fixture.programs()) ?? [:]
            return FailoverDrill.Placements(pools: list.stdout.split(separator: "\n").map(String.init),
                                            bots: programs.flatMap { bot, entries in entries.map { _ in bot } })
        }
    }
}
