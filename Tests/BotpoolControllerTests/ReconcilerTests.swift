import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Foundation
import Synchronization
import InMemoryWorld
import Testing

/// The pass orchestration on the in-memory runtime: fast, deterministic, no Docker.
@Suite struct ReconcilerTests {
    static let poolClass = PoolClass(name: "quick", spec: PoolClassSpec(image: "botpool/pool:dev", maxBots: 10, basePort: 9100))

    static func bots(_ count: Int, tenant: String = "alice") -> [Bot] {
        (0..<count).map { index in
            Bot(name: "bot-\(index)", tenant: tenant,
                spec: BotSpec(poolClass: "quick", command: ["python3", "server.py"]))
        }
    }

    /// A manifests source the test can change between passes.
    final class Manifests: Sendable {
        let current: Mutex<ManifestSet>
        init(_ set: ManifestSet) { current = Mutex(set) }
        func load() -> ManifestSet { current.withLock { $0 } }
        func set(_ set: ManifestSet) { current.withLock { $0 = set } }
    }

    final class Clock: Sendable {
        let now = Mutex<Timestamp>(1_000_000)
        func read() -> Timestamp { now.withLock { $0 } }
        func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
    }

    func makeReconciler(
        _ manifests: Manifests, runtime: InMemoryBackend, clock: Clock = Clock(),
        options: Reconciler.Options = .init(), store: StatusStore = StatusStore()
    ) -> Reconciler {
        Reconciler(backend: runtime, loadManifests: { manifests.load() }, options: options, store: store,
                   clock: { clock.read() })
    }

    @Test func convergesAndTheNextPassPlansNothing() async throws {
        let manifests = Manifests(ManifestSet(poolClasses: [Self.poolClass], bots: Self.bots(25)))
        let runtime = InMemoryBackend()
        let store = StatusStore()
        let reconciler = makeReconciler(manifests, runtime: runtime, store: store)

        let first = try await reconciler.pass()
        #expect(first.converged)
        #expect(first.plan.summary.poolsToCreate == 3)
        #expect(first.plan.summary.botsToPlace == 25)
        // The status of a pass shows what its actions made, not what was there before them.
        let afterFirst = try #require(await store.snapshot)
        #expect(afterFirst.bots.allSatisfy { $0.pool != nil && $0.phase != "Pending" })
        #expect(afterFirst.pools.count == 3)

        let second = try await reconciler.pass()
        #expect(second.plan.actions.isEmpty)
        #expect(second.converged)

        let snapshot = try #require(await store.snapshot)
        #expect(snapshot.bots.count == 25)
        #expect(Set(snapshot.bots.compactMap(\.port)).count == 25)
        #expect(snapshot.pools.map(\.bots).sorted() == [5, 10, 10])
        #expect(await store.isReady)
    }

    @Test func aFailedActionIsRetriedAfterBackOffAndOthersProceed() async throws {
        let manifests = Manifests(ManifestSet(poolClasses: [Self.poolClass], bots: Self.bots(3)))
        var world = InMemoryWorld()
        world.actionFaults = [ActionFault(kind: .placeBot, bot: BotID(tenant: "alice", name: "bot-1"), times: 1,
                                          message: "spawn error")]
        let runtime = InMemoryBackend(world)
        let clock = Clock()
        let store = StatusStore()
        let reconciler = makeReconciler(manifests, runtime: runtime, clock: clock, store: store)

        let first = try await reconciler.pass()
        #expect(first.failedCount == 1)
        #expect(!first.converged)
        let failedView = try #require(await store.snapshot?.bots.first { $0.name == "bot-1" })
        #expect(failedView.lastError == "placeBot: spawn error")

        // Within the back-off the failed action waits; nothing else is left to do.
        let waiting = try await reconciler.pass()
        #expect(waiting.outcomes.values.contains(.deferred))
        #expect(waiting.plan.summary.botsToPlace == 1)

        clock.advance(11)
        let retried = try await reconciler.pass()
        #expect(retried.converged)
        #expect(try await reconciler.pass().plan.actions.isEmpty)
    }

    @Test func dryRunChangesNothing() async throws {
        let manifests = Manifests(ManifestSet(poolClasses: [Self.poolClass], bots: Self.bots(4)))
        let runtime = InMemoryBackend()
        let reconciler = makeReconciler(manifests, runtime: runtime, options: .init(dryRun: true))
        let result = try await reconciler.pass()
        #expect(result.plan.actions.count == 5)
        #expect(result.outcomes.isEmpty)
        #expect(await runtime.world.state.pools.isEmpty)
    }

    @Test func emptyingTheManifestsIsRefusedByTheGuard() async throws {
        let manifests = Manifests(ManifestSet(poolClasses: [Self.poolClass], bots: Self.bots(6)))
        let runtime = InMemoryBackend()
        let store = StatusStore()
        let reconciler = makeReconciler(manifests, runtime: runtime, store: store)
        _ = try await reconciler.pass()

        manifests.set(ManifestSet())
        let refused = try await reconciler.pass()
        #expect(refused.plan.refused != nil)
        #expect(refused.outcomes.isEmpty)
        #expect(await runtime.world.state.pools.flatMap(\.bots).count == 6)
        #expect(await store.snapshot?.lastPass?.refused != nil)
    }

    @Test func aBotWhoseSecretCannotBeReadIsFrozenNotStarted() async throws {
        var bot = Self.bots(1)[0]
        let missing = Reconciler.Options.defaultSecretsDir + "/\(bot.tenant)/botpool-test-secret-that-is-not-there"
        bot.spec.env = [EnvVar(name: "API_KEY", value: .fromFile(path: missing))]
        let manifests = Manifests(ManifestSet(poolClasses: [Self.poolClass], bots: [bot] + Self.bots(3).dropFirst()))
        let runtime = InMemoryBackend()
        let reconciler = makeReconciler(manifests, runtime: runtime)
        let result = try await reconciler.pass()
        #expect(result.plan.summary.botsToPlace == 2)
        #expect(result.diagnostics.contains { $0.contains("env API_KEY: cannot read \(missing)") }, "\(result.diagnostics)")
    }
}
