@testable import BotpoolCLI
import BotpoolController
import BotpoolManifest
import Foundation
import Synchronization
import Testing

@Suite struct ApplyWaitTests {
    /// Hands out the given snapshots in turn, then the last one forever.
    final class Script: Sendable {
        let phases: [[String]]
        let calls = Mutex(0)
        init(_ phases: [[String]]) { self.phases = phases }

        func next() -> StatusSnapshot {
            let index = calls.withLock { calls in
                defer { calls += 1 }
                return min(calls, phases.count - 1)
            }
            return StatusSnapshot(generatedAt: Date(), bots: zip(["a", "b"], phases[index]).map { name, phase in
                BotView(name: name, tenant: "alice", phase: phase, reason: phase == "Running" ? nil : "waiting")
            })
        }
    }

    let bots = ["a", "b"].map { Bot(name: $0, tenant: "alice", spec: BotSpec(poolClass: "clitest", command: ["true"])) }

    @Test func printsEachChangeOfPhaseUntilAllRun() async {
        let script = Script([["Pending", "Pending"], ["Starting", "Running"], ["Running", "Running"]])
        let lines = Mutex<[String]>([])
        let wait = ApplyWait(bots: bots, timeout: .seconds(120), interval: .milliseconds(1),
                             read: { script.next() }, progress: { line in lines.withLock { $0.append(line) } })
        #expect(await wait.run().isEmpty)
        #expect(lines.withLock { $0 } == [
            "alice/a: Pending", "alice/b: Pending",
            "alice/a: Pending → Starting", "alice/b: Pending → Running",
            "alice/a: Starting → Running",
        ])
    }

    @Test func timesOutNamingTheBotsNotReady() async {
        let script = Script([["Running", "CrashLoopBackOff"]])
        let wait = ApplyWait(bots: bots, timeout: .milliseconds(50), interval: .milliseconds(5),
                             read: { script.next() }, progress: { _ in })
        #expect(await wait.run() == ["alice/b (CrashLoopBackOff: waiting)"])
    }
}
