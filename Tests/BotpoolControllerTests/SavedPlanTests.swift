import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Foundation
import InMemoryWorld
import Testing

/// `diff --out` then `apply-plan` on the in-memory runtime: a saved plan runs while nothing it
/// was made from moved, and is refused, naming what moved, once something did.
@Suite struct SavedPlanTests {
    typealias Fixture = ReconcilerTests

    /// Plans `manifests` against `runtime` without acting and saves the plan to a file.
    func save(_ manifests: Fixture.Manifests, runtime: InMemoryBackend, clock: Fixture.Clock) async throws -> String {
        let reconciler = Fixture().makeReconciler(manifests, runtime: runtime, clock: clock, options: .init(dryRun: true))
        let result = try await reconciler.pass(reason: "diff")
        let desired = try #require(await reconciler.lastDesired)
        let observed = try #require(await reconciler.lastObserved)
        let data = try SavedPlan.encode(result.plan, inputs: PlanInputs(desired: desired, observed: observed),
                                        manifests: "/m", allowMassDelete: false)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).json").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs the saved plan as `apply-plan` does: a fresh controller, one pass behind the check.
    func apply(_ path: String, _ manifests: Fixture.Manifests, runtime: InMemoryBackend,
               clock: Fixture.Clock) async throws -> PassResult {
        let saved = try SavedPlan.read(path)
        let reconciler = Fixture().makeReconciler(manifests, runtime: runtime, clock: clock)
        return try await reconciler.pass(reason: "apply-plan") { plan, desired, observed in
            try saved.check(plan, desired: desired, observed: observed)
        }
    }

    func moved(_ body: () async throws -> PassResult) async -> [String]? {
        do {
            _ = try await body()
            return nil
        } catch let SavedPlanError.moved(changes) {
            return changes
        } catch {
            Issue.record("expected the world to have moved, got \(error)")
            return nil
        }
    }

    @Test func aPlanRunsWhileNothingMovedAndOnlyOnce() async throws {
        let manifests = Fixture.Manifests(ManifestSet(poolClasses: [Fixture.poolClass], bots: Fixture.bots(3)))
        let runtime = InMemoryBackend()
        let clock = Fixture.Clock()
        let path = try await save(manifests, runtime: runtime, clock: clock)
        #expect(try await runtime.observe().pools.isEmpty, "diff --out changes nothing")

        let applied = try await apply(path, manifests, runtime: runtime, clock: clock)
        #expect(applied.converged)
        #expect(applied.plan.summary.botsToPlace == 3)
        #expect(try await runtime.observe().pools.flatMap(\.bots).count == 3)

        // Applying it again: the pool it created is a change since the plan was made.
        let changes = try #require(await moved { try await apply(path, manifests, runtime: runtime, clock: clock) })
        #expect(changes.contains { $0.hasPrefix("+ pool botpool-quick") })
    }

    @Test func anEditedManifestIsNamedAndNothingRuns() async throws {
        let manifests = Fixture.Manifests(ManifestSet(poolClasses: [Fixture.poolClass], bots: Fixture.bots(2)))
        let runtime = InMemoryBackend()
        let clock = Fixture.Clock()
        let path = try await save(manifests, runtime: runtime, clock: clock)

        var edited = Fixture.bots(3)
        edited[0].spec.command = ["python3", "other.py"]
        manifests.set(ManifestSet(poolClasses: [Fixture.poolClass], bots: edited))
        let changes = try #require(await moved { try await apply(path, manifests, runtime: runtime, clock: clock) })
        #expect(changes.contains { $0.hasPrefix("~ bot alice/bot-0: ") })
        #expect(changes.contains { $0.hasPrefix("+ bot alice/bot-2: ") })
        #expect(changes.count == 2)
        #expect(try await runtime.observe().pools.isEmpty, "a refused plan runs nothing")
    }

    @Test func aCrashedBotMovesTheObservedState() async throws {
        let manifests = Fixture.Manifests(ManifestSet(poolClasses: [Fixture.poolClass], bots: Fixture.bots(2)))
        let runtime = InMemoryBackend()
        let clock = Fixture.Clock()
        _ = try await Fixture().makeReconciler(manifests, runtime: runtime, clock: clock).pass()
        manifests.set(ManifestSet(poolClasses: [Fixture.poolClass], bots: Fixture.bots(3)))
        let path = try await save(manifests, runtime: runtime, clock: clock)

        await runtime.mutate { $0.crash(BotID(tenant: "alice", name: "bot-1")) }
        let changes = try #require(await moved { try await apply(path, manifests, runtime: runtime, clock: clock) })
        #expect(changes.count == 1)
        #expect(changes.first?.hasPrefix("~ slot botpool-quick") == true)
        #expect(changes.first?.contains("EXITED") == true)
    }

    @Test func anEditedFileIsRefused() async throws {
        let manifests = Fixture.Manifests(ManifestSet(poolClasses: [Fixture.poolClass], bots: Fixture.bots(2)))
        let runtime = InMemoryBackend()
        let clock = Fixture.Clock()
        let path = try await save(manifests, runtime: runtime, clock: clock)
        let original = try String(contentsOfFile: path, encoding: .utf8)

        // Inputs edited to match another world: the token no longer covers them.
        let inputs = original.replacingOccurrences(of: "state=running", with: "state=stopped")
        try inputs.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: SavedPlanError.self) { try SavedPlan.read(path) }

        // An action edited (another port): the plan made now differs, nothing runs.
        let actions = original.replacingOccurrences(of: "\"port\" : 9101", with: "\"port\" : 9199")
        #expect(actions != original)
        try actions.write(toFile: path, atomically: true, encoding: .utf8)
        await #expect(throws: SavedPlanError.self) { try await apply(path, manifests, runtime: runtime, clock: clock) }
        #expect(try await runtime.observe().pools.isEmpty)
    }

    @Test func onlyPlanFilesAreRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notaplan-\(UUID().uuidString).json").path
        try Data(#"{"format": "other/v9", "plan": {"actions": []}}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SavedPlanError.self) { try SavedPlan.read(path) }
        #expect(throws: SavedPlanError.self) { try SavedPlan.read(path + ".missing") }
    }
}
