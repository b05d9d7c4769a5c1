import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Faults of the controller itself: a second controller on the same state dir, and a
    /// controller killed in the middle of a change.
    @Suite struct ControllerFaults {
        @Test func aSecondControllerWaitsAsStandbyAndTakesOverWhenTheFirstDies() async throws {
            try await Fleet.with(class: "fault5", basePort: 21160) { fleet in
                let fixture = fleet.fixture
                let first = fleet.daemon.process.processIdentifier
                let before = try await fleet.snapshot()
                let second = try Daemon(fixture, logName: "second.log")
                try await Poll.until("the second controller to stand by", seconds: 20) {
                    second.logText.contains("standby") ? true : nil
                }
                #expect(second.logText.contains("pid \(first) "), "standby log names the holder:\n\(second.logText)")
                let once = try fixture.runOnce()
                #expect(once.status == 2, "run --once beside a daemon exited \(once.status)")
                #expect((once.stdout + once.stderr).contains("locked by another controller: pid \(first) "),
                        "\(once.stdout)\(once.stderr)")

                // Both see the same edit; only the holder acts on it.
                try fleet.edit("b2", greeting: "one")
                try await fleet.waitForGreeting("b2", "one")
                #expect(!second.logText.contains("updateBot"), "the standby acted:\n\(second.logText)")

                kill(first, SIGKILL)
                try await Poll.until("the standby to take over", seconds: 20) {
                    second.logText.contains("taken over") ? true : nil
                }
                try fleet.edit("a6", greeting: "two")
                try await fleet.waitForGreeting("a6", "two")
                try await fleet.expectHealed(after: "two controllers", from: before, hit: ["b2", "a6"])

                // A standby told to stop stops cleanly.
                let third = try Daemon(fixture, logName: "third.log")
                try await Poll.until("a third controller to stand by", seconds: 20) {
                    third.logText.contains("standby") ? true : nil
                }
                #expect(try await third.terminate() == 0, "third daemon log:\n\(third.logTail)")
                #expect(third.logText.contains("stopped while standing by"))
                #expect(try await second.terminate() == 0, "second daemon log:\n\(second.logTail)")
            }
        }

        @Test func aControllerKilledMidChangeLeavesWhatTheNextOneFinishes() async throws {
            try await Fleet.with(class: "fault6", basePort: 21200) { fleet in
                let fixture = fleet.fixture
                let before = try await fleet.snapshot()
                let edited = ["a7", "a8", "b5", "b6", "b7"]
                for bot in edited { try fleet.edit(bot, greeting: "mid") }
                // Killed as soon as the first restarted bot is seen: the rest are in flight or not begun.
                try await Poll.until("a first edit to take effect", seconds: 30, interval: .milliseconds(20)) {
                    try await fleet.snapshot().processes.contains {
                        edited.contains($0.key) && before.processes[$0.key] != $0.value
                    } ? true : nil
                }
                kill(fleet.daemon.process.processIdentifier, SIGKILL)
                let next = try Daemon(fixture, logName: "next.log")
                for bot in edited { try await fleet.waitForGreeting(bot, "mid") }
                try await fleet.expectHealed(after: "controller killed mid-change", from: before, hit: Set(edited))
                #expect(try await next.terminate() == 0, "next daemon log:\n\(next.logTail)")
            }
        }
    }
}
