import Foundation
import Testing

extension E2E {
    /// Scenarios 2 and 3: editing or removing one bot's manifest touches that bot only.
    @Suite struct BotChange {
        @Test func editingOneBotsEnvRestartsOnlyThatBotOnItsPort() async throws {
            try await Fixture.with(class: "e2e2", basePort: 19050) { fixture in
                for name in ["one", "two", "three"] { try fixture.writeBot(name) }
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                for (bot, port) in ports { try await Fixture.waitForAnswer(bot, port: port) }
                let before = try await fixture.pids()
                #expect(before.count == 3)

                try fixture.writeBot("two", greeting: "edited")
                let plan = try fixture.diffJSON()
                #expect(plan.status == 1)
                try fixture.converge()
                let answer = try await Poll.until("two to answer with its new env", seconds: 20) {
                    try Fixture.get(port: ports["two"] ?? 0).flatMap { $0.contains("edited") ? $0 : nil }
                }
                #expect(answer == "ok two edited\n")
                let after = try await fixture.pids()
                #expect(after["two"] != nil && after["two"] != before["two"], "two: \(String(describing: before["two"])) → \(String(describing: after["two"]))")
                #expect(after["one"] == before["one"])
                #expect(after["three"] == before["three"])
                #expect(try fixture.diff().status == 0)
            }
        }

        @Test func removingOneManifestStopsThatBotAndKeepsItsData() async throws {
            try await Fixture.with(class: "e2e3", basePort: 19100) { fixture in
                for name in ["keep", "gone"] { try fixture.writeBot(name) }
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                for (bot, port) in ports { try await Fixture.waitForAnswer(bot, port: port) }
                let before = try await fixture.pids()

                try fixture.remove("alpha-gone.yaml")
                try fixture.converge()
                let programs = try await fixture.programs()
                #expect(programs["gone"] == nil, "gone still in \(programs["gone"]?.map(\.pool) ?? [])")
                #expect(try Fixture.get(port: ports["gone"] ?? 0) == nil, "gone still answers")
                #expect(FileManager.default.fileExists(atPath: fixture.dataDir("gone") + "/server.py"))
                #expect(try await fixture.pids()["keep"] == before["keep"])
                #expect(try fixture.diff().status == 0)
            }
        }
    }
}
