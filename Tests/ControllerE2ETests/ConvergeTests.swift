import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Scenario 1: 25 bots of 2 tenants converge into dedicated pools and stay converged.
    @Suite struct Converge {
        @Test func twentyFiveBotsOfTwoTenantsConvergeAndTheSecondPassPlansNothing() async throws {
            try await Fixture.with(class: "e2e1", basePort: 19000) { fixture in
                var tenantOf: [String: String] = [:]
                for index in 0..<25 {
                    let tenant = index < 13 ? "alpha" : "beta"
                    let name = "\(tenant)-\(index)"
                    tenantOf[name] = tenant
                    try fixture.writeBot(name, tenant: tenant)
                }
                let planned = try fixture.diffJSON()
                #expect(planned.status == 1)
                let ports = Fixture.placements(planned.plan)
                #expect(ports.count == 25)
                #expect(Set(ports.values).count == 25, "ports not distinct: \(ports)")

                try fixture.converge()
                for (bot, port) in ports { try await Fixture.waitForAnswer(bot, port: port, seconds: 30) }

                let pools = try fixture.pools()
                #expect(pools.count == 4, "pools: \(pools)")
                for pool in pools {
                    let tenant = try DockerEnvironment.label(pool, "io.botpool.tenant")
                    let bots = try await fixture.supervisor(pool).getAllProcessInfo().map(\.group)
                    #expect(bots.count <= 10, "\(pool) holds \(bots.count) bots")
                    #expect(bots.allSatisfy { tenantOf[$0] == tenant }, "\(pool) (tenant \(tenant)) holds \(bots)")
                }
                let pids = try await fixture.pids()
                #expect(pids.count == 25, "running programs: \(pids)")

                let second = try fixture.runOnce()
                #expect(second.status == 0, "second pass: \(second.stderr)")
                #expect(second.stderr.contains("actions=0") || second.stdout.contains("actions=0"),
                        "second pass was not empty:\n\(second.stderr)")
                let diff = try fixture.diff()
                #expect(diff.status == 0, "diff after converging:\n\(diff.stdout)")
            }
        }
    }
}
