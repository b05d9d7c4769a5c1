import Foundation
import Testing

extension E2E {
    /// Scenarios 7 and 8: an empty or broken manifests directory never stops running bots.
    @Suite struct Safety {
        @Test func anEmptiedManifestsDirectoryIsRefusedAndEveryBotKeepsRunning() async throws {
            try await Fixture.with(class: "e2e8", basePort: 19350) { fixture in
                for name in ["a", "b", "c"] { try fixture.writeBot(name) }
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                for (bot, port) in ports { try await Fixture.waitForAnswer(bot, port: port) }
                let before = try await fixture.pids()

                for file in try FileManager.default.contentsOfDirectory(atPath: fixture.manifests) { try fixture.remove(file) }
                let pass = try fixture.runOnce()
                #expect(pass.status == 1, "run --once exited \(pass.status):\n\(pass.stderr)\(fixture.foreignPoolsNote())")
                let diff = try fixture.diffJSON()
                #expect(diff.status == 1)
                let refused = diff.plan["refused"] as? String
                #expect(refused != nil, "plan not refused: \(diff.plan)\(fixture.foreignPoolsNote())")
                #expect(try await fixture.pids() == before)
                for (bot, port) in ports { #expect(try Fixture.get(port: port)?.hasPrefix("ok \(bot) ") == true) }
            }
        }

        @Test func aBrokenManifestLeavesItsBotAsItWasAndOthersReconcile() async throws {
            try await Fixture.with(class: "e2e9", basePort: 19400) { fixture in
                for name in ["broken", "healthy"] { try fixture.writeBot(name) }
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                for (bot, port) in ports { try await Fixture.waitForAnswer(bot, port: port) }
                let before = try await fixture.pids()

                try fixture.writeBot("broken", greeting: "never", extra: "  surprise: 1")
                try fixture.writeBot("healthy", greeting: "edited")
                let pass = try fixture.runOnce()
                #expect(pass.stderr.contains("alpha-broken.yaml") && pass.stderr.contains("surprise"),
                        "no diagnostic in the logs:\n\(pass.stderr)")
                let diff = try fixture.diff()
                #expect(diff.stderr.contains("alpha-broken.yaml") && diff.stderr.contains("surprise"),
                        "no diagnostic from diff:\n\(diff.stderr)")
                try await Fixture.waitForAnswer("healthy", port: ports["healthy"] ?? 0)
                let after = try await fixture.pids()
                #expect(after["broken"] == before["broken"])
                #expect(after["healthy"] != before["healthy"])
                #expect(try Fixture.get(port: ports["broken"] ?? 0) == "ok broken hi\n")
                #expect(try Fixture.get(port: ports["healthy"] ?? 0) == "ok healthy edited\n")
            }
        }
    }
}
