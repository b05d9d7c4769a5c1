import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Scenarios 4 (kill -9) and 5 (docker rm -f): the next pass repairs what was destroyed.
    @Suite struct Recovery {
        @Test func aKilledBotRunsAgainAfterTheNextPass() async throws {
            try await Fixture.with(class: "e2e4", basePort: 19150) { fixture in
                for name in ["victim", "bystander"] { try fixture.writeBot(name) }
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                for (bot, port) in ports { try await Fixture.waitForAnswer(bot, port: port) }
                let before = try await fixture.pids()
                let pool = try #require(try await fixture.programs()["victim"]?.first?.pool)

                _ = try await fixture.supervisor(pool).signalProcess("victim", signal: "KILL")
                try await Poll.until("victim to be gone", seconds: 10) {
                    try await fixture.pids()["victim"] == nil ? true : nil
                }
                try fixture.converge()
                try await Fixture.waitForAnswer("victim", port: ports["victim"] ?? 0)
                let after = try await fixture.pids()
                #expect(after["victim"] != nil && after["victim"] != before["victim"])
                #expect(after["bystander"] == before["bystander"])
            }
        }

        @Test func aRemovedPoolIsRecreatedWithItsBotsOnTheirPortsAndData() async throws {
            try await Fixture.with(class: "e2e5", basePort: 19250) { fixture in
                for name in ["first", "second"] { try fixture.writeBot(name) }
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                for (bot, port) in ports { try await Fixture.waitForAnswer(bot, port: port) }
                let marker = fixture.dataDir("first") + "/trades.db"
                try "state of first".write(toFile: marker, atomically: true, encoding: .utf8)
                let pools = try fixture.pools()
                #expect(pools.count == 1)

                #expect(try Command.run("docker", ["rm", "-f"] + pools).status == 0)
                #expect(try fixture.pools().isEmpty)
                try fixture.converge()
                #expect(try fixture.pools() == pools)
                for (bot, port) in ports { try await Fixture.waitForAnswer(bot, port: port) }
                #expect(try String(contentsOfFile: marker, encoding: .utf8) == "state of first")
                #expect(try fixture.diff().status == 0)
            }
        }
    }
}
