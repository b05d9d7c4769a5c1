import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Scenario 4, second half: a bot that always exits backs off longer each time; the daemon
    /// keeps the restart history. It runs with the default 30 s resync: exits are noticed by the
    /// process watch and each restart happens when its back-off ends, not at the next resync.
    @Suite struct CrashLoop {
        @Test func aBotThatAlwaysExitsShowsCrashLoopBackOffWithGrowingBackOff() async throws {
            try await Fixture.with(class: "e2e6", basePort: 19200) { fixture in
                try fixture.writeBot("steady")
                try fixture.writeBot("crasher", command: ["python3", "-c", "import sys, time; time.sleep(2); sys.exit(1)"])
                let daemon = try Daemon(fixture)
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

        @Test func aKilledBotWithoutAHealthCheckIsBackWithinSecondsNotAtTheResync() async throws {
            try await Fixture.with(class: "e2e12", basePort: 19660, maxBots: 4) { fixture in
                try fixture.writeBot("quiet", health: false)
                let port = try #require(Fixture.placements(try fixture.diffJSON().plan)["quiet"])
                let daemon = try Daemon(fixture)  // resync 30 s
                let pid = try await Poll.until("quiet to run", seconds: 30) { try? await fixture.pids()["quiet"] }
                try await Fixture.waitForAnswer("quiet", port: port)
                let pool = try #require(try fixture.pools().first)
                let killed = ContinuousClock.now
                #expect(try Command.run("docker", ["exec", pool, "kill", "-9", "\(pid)"]).status == 0)
                let restarted = try? await Poll.until("quiet to be restarted", seconds: 25) {
                    (try? await fixture.pids()["quiet"]).flatMap { $0 != pid ? $0 : nil }
                }
                let newPid = try #require(restarted, "not restarted within 25 s; daemon log:\n\(daemon.logText)")
                try await Fixture.waitForAnswer("quiet", port: port)
                let back = ContinuousClock.now - killed
                #expect(newPid != pid)
                // Without the watch nothing would notice before the resync, ~27 s after the kill.
                #expect(back < .seconds(15), "restarted \(back) after the kill; the process watch polls every 2 s")
                #expect(daemon.logText.contains("process state changed"), "daemon log:\n\(daemon.logText)")
                #expect(try await daemon.terminate() == 0, "daemon log:\n\(daemon.logText)")
            }
        }
    }
}
