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
                // Kill as soon as the first pool container exists: the others are still being created.
                try await Poll.until("the pass to create its first pool", seconds: 20, interval: .milliseconds(20)) {
                    try fixture.pools().isEmpty && pass.isRunning ? nil : true
                }
                kill(pass.processIdentifier, SIGKILL)
                pass.waitUntilExit()
                #expect(pass.terminationReason == .uncaughtSignal, "the pass finished before it was killed")
                // Pools are created in parallel, so all may exist; the bots cannot all be placed yet.
                let placedBeforeKill = (try? await fixture.programs())?.count ?? 0
                #expect(placedBeforeKill < 8, "every bot was placed before the kill")

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
