import Foundation
import Testing

extension E2E {
    /// Scenario 4, second half: a bot that always exits backs off longer each time; the daemon
    /// keeps the restart history, so this runs `botpool run` with a 1 s resync.
    @Suite struct CrashLoop {
        @Test func aBotThatAlwaysExitsShowsCrashLoopBackOffWithGrowingBackOff() async throws {
            try await Fixture.with(class: "e2e6", basePort: 19200) { fixture in
                try fixture.writeBot("steady")
                try fixture.writeBot("crasher", command: ["python3", "-c", "import sys, time; time.sleep(2); sys.exit(1)"])
                let daemon = try Daemon(fixture, extra: ["--resync", "1"])
                try await Poll.until("/healthz", seconds: 20) { try daemon.get("/healthz", authorized: false).status == 200 ? true : nil }
                let steadyPid = try await Poll.until("steady to run", seconds: 20) { try? await fixture.pids()["steady"] }

                // First restart arms 10 s, the second 20 s: the wait before the next retry grows.
                var waits: [Int: Double] = [:]
                try await Poll.until("crasher to back off twice", seconds: 40, interval: .milliseconds(500)) {
                    let bot = try daemon.bots()["crasher"] ?? [:]
                    if bot["phase"] as? String == "CrashLoopBackOff", let restarts = bot["restarts"] as? Int,
                       let retry = bot["nextRetryAt"] as? String, let at = ISO8601DateFormatter().date(from: retry),
                       waits[restarts] == nil {
                        waits[restarts] = at.timeIntervalSinceNow
                    }
                    return waits.keys.contains(where: { $0 >= 2 }) ? true : nil
                }
                let counts = waits.keys.sorted()
                let first = try #require(counts.first), last = try #require(counts.last)
                #expect(first < last, "restart counts seen: \(waits)")
                #expect((waits[last] ?? 0) > (waits[first] ?? 0), "back-off did not grow: \(waits)")
                #expect(try await fixture.pids()["steady"] == steadyPid)
                #expect(try await daemon.terminate() == 0, "daemon log:\n\(daemon.logText)")
            }
        }
    }
}
