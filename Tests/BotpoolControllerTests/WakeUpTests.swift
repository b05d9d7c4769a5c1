@testable import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Foundation
import Synchronization
import InMemoryWorld
import Testing

/// What starts a pass between resyncs: a process changing state, and the moment the last
/// pass said work is due (a back-off or a retry expiring).
@Suite struct WakeUpTests {
    /// The reasons a trigger received, read without consuming the loop's stream elsewhere.
    static func firstRequest(_ trigger: ReconcileTrigger, within seconds: Double) async -> String? {
        await withTaskGroup(of: String?.self) { group in
            group.addTask {
                for await reason in trigger.requests { return reason }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            trigger.finish()
            return first
        }
    }

    @Test func aCrashedBotStartsAPassWithinTheWatchInterval() async throws {
        let manifests = ManifestSet(poolClasses: [ReconcilerTests.poolClass], bots: ReconcilerTests.bots(2))
        let runtime = InMemoryBackend()
        let reconciler = Reconciler(backend: runtime, loadManifests: { manifests })
        #expect(try await reconciler.pass().converged)

        // The crash happens before the watch's first reading: it is compared with what the pass saw.
        await runtime.mutate { $0.crash(BotID(tenant: "alice", name: "bot-1"), exitStatus: 3) }
        let trigger = ReconcileTrigger()
        let watch = Task {
            await ProcessWatch(backend: runtime, interval: .milliseconds(20), trigger: trigger,
                               lastObserved: { await reconciler.lastObserved }).run()
        }
        defer { watch.cancel() }
        let reason = await Self.firstRequest(trigger, within: 30)
        #expect(reason?.hasPrefix("process state changed: ") == true, "\(reason ?? "no request")")
        #expect(reason?.contains("bot-1 RUNNING") == true, "\(reason ?? "")")
        #expect(reason?.contains("→ EXITED") == true, "\(reason ?? "")")
    }

    /// The soak found a second kill of the same pool waiting for the resync: after the first
    /// was healed, the second read exactly like the first, which had been asked about already.
    @Test func theSameFaultAgainAfterAHealAsksAgain() {
        var readings = ProcessWatch.Readings()
        let seen = ["p/a": "RUNNING 7@100"]
        #expect(readings.next(["p/a": "RUNNING 7@100"], seen: seen) == nil)
        #expect(readings.next([:], seen: seen) == "p/a RUNNING 7@100 → gone")
        #expect(readings.next([:], seen: seen) == nil, "asked once while it lasts")
        #expect(readings.next(["p/a": "RUNNING 7@100"], seen: seen) == nil, "healed")
        #expect(readings.next([:], seen: seen) == "p/a RUNNING 7@100 → gone", "the same fault again")
    }

    @Test func nothingChangingRequestsNothing() async throws {
        let manifests = ManifestSet(poolClasses: [ReconcilerTests.poolClass], bots: ReconcilerTests.bots(2))
        let runtime = InMemoryBackend()
        let reconciler = Reconciler(backend: runtime, loadManifests: { manifests })
        #expect(try await reconciler.pass().converged)
        let trigger = ReconcileTrigger()
        let watch = Task {
            await ProcessWatch(backend: runtime, interval: .milliseconds(20), trigger: trigger,
                               lastObserved: { await reconciler.lastObserved }).run()
        }
        defer { watch.cancel() }
        #expect(await Self.firstRequest(trigger, within: 0.3) == nil)
    }

    @Test func changesAreNamedByTheirBotAndNewProgramsAreTheNextPasssBusiness() {
        #expect(ProcessWatch.firstChange(from: ["p/a": "RUNNING 7"], to: ["p/a": "RUNNING 7"]) == nil)
        #expect(ProcessWatch.firstChange(from: ["p/a": "RUNNING 7"], to: ["p/a": "EXITED 0"]) == "p/a RUNNING 7 → EXITED 0")
        #expect(ProcessWatch.firstChange(from: ["p/a": "RUNNING 7"], to: [:]) == "p/a RUNNING 7 → gone")
        #expect(ProcessWatch.firstChange(from: [:], to: ["p/b": "STARTING 9"]) == nil)
    }

    @Test func theDueTimerRequestsAPassWhenTheMomentComesAndOnlyTheLatestCounts() async throws {
        let trigger = ReconcileTrigger()
        let timer = DueTimer(trigger: trigger)
        let now = Date().timeIntervalSince1970
        await timer.schedule(at: now + 60, now: now)
        await timer.schedule(at: now + 0.1, now: now)  // replaces the minute
        // The pass comes well before the replaced minute. No bound on the elapsed time: on a
        // loaded 2-core machine a test's tasks have waited over 30 s for a thread.
        #expect(await Self.firstRequest(trigger, within: 50) == "retry due")

        let quiet = ReconcileTrigger()
        let cancelled = DueTimer(trigger: quiet)
        await cancelled.schedule(at: now + 0.05, now: now)
        await cancelled.schedule(at: nil)
        #expect(await Self.firstRequest(quiet, within: 0.3) == nil)
    }

    @Test func aPassSaysWhenABackOffOrARetryIsDue() async throws {
        let manifests = ManifestSet(poolClasses: [ReconcilerTests.poolClass], bots: ReconcilerTests.bots(2))
        let runtime = InMemoryBackend()
        let clock = ReconcilerTests.Clock()
        let reconciler = Reconciler(backend: runtime, loadManifests: { manifests }, clock: { clock.read() })
        let converged = try await reconciler.pass()
        #expect(converged.converged)
        #expect(converged.nextDueAt == nil, "nothing waits on time")

        // A crash is restarted at once; the second crash arms a back-off, and the pass says when it ends.
        let bot = BotID(tenant: "alice", name: "bot-0")
        await runtime.mutate { $0.crash(bot) }
        _ = try await reconciler.pass()
        await runtime.mutate { $0.crash(bot) }
        let backingOff = try await reconciler.pass()
        let wait = try #require(backingOff.plan.backOff.first { $0.bot == bot })
        #expect(backingOff.nextDueAt == wait.nextRetryAt)
        #expect(try #require(backingOff.nextDueAt) > clock.read())
    }
}
