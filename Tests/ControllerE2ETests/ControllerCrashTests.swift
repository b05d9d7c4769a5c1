import Foundation
import Testing

extension E2E {
    /// Scenario 6: SIGKILL of the controller mid-pass leaves nothing a second pass cannot finish.
    @Suite struct ControllerCrash {
        @Test func aPassKilledWhileCreatingPoolsIsFinishedByTheNextWithoutDuplicates() async throws {
            try await Fixture.with(class: "e2e7", basePort: 19300, maxBots: 2) { fixture in
                var desired: Set<String> = []
                for index in 0..<8 {
                    try fixture.writeBot("bot\(index)")
                    desired.insert("bot\(index)")
                }
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                #expect(Set(ports.values).count == 8)

                let pass = Process()
                pass.executableURL = URL(fileURLWithPath: fixture.botpool)
                pass.arguments = ["run", "--once", "--listen", "none"] + fixture.common
                pass.standardOutput = FileHandle.nullDevice
                pass.standardError = FileHandle.nullDevice
                try pass.run()
                try await Task.sleep(for: .milliseconds(300))
                kill(pass.processIdentifier, SIGKILL)
                pass.waitUntilExit()
                #expect(pass.terminationReason == .uncaughtSignal)

                try fixture.converge()
                let pools = try fixture.pools()
                #expect(pools.count == 4, "pools: \(pools)")
                #expect(Set(pools).count == pools.count)
                let programs = try await fixture.programs()
                #expect(Set(programs.keys) == desired, "programs: \(programs.keys.sorted())")
                for (bot, entries) in programs {
                    #expect(entries.count == 1, "\(bot) is in \(entries.map(\.pool))")
                }
                for (bot, port) in ports { try await Fixture.waitForAnswer(bot, port: port) }
                #expect(try fixture.diff().status == 0)
            }
        }
    }
}
