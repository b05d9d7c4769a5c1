import BotpoolController
import BotpoolManifest
import Foundation
import InMemoryWorld
import Testing

/// The commit and path each pass records for its bots, and what a frozen bot remembers of
/// the commit that broke it (memory only).
@Suite struct ManifestProvenanceTests {
    static let poolClass = """
        apiVersion: botpool/v1
        kind: PoolClass
        metadata: {name: quick}
        spec: {image: "botpool/pool:dev", basePort: 9100}
        """

    static func bot(_ name: String, restartPolicy: String = "Always") -> String {
        """
        apiVersion: botpool/v1
        kind: Bot
        metadata: {name: \(name), tenant: alice}
        spec: {poolClass: quick, command: [python3, server.py], restartPolicy: \(restartPolicy)}
        """
    }

    /// The manifests as read at `commit` (nil: not a Git checkout); `red` broken when asked.
    static func manifests(commit: String?, redBroken: Bool = false) -> ManifestSet {
        var set = ManifestLoader().load(sources: [
            ManifestSource(path: "/repo/deploy/class.yaml", text: poolClass),
            ManifestSource(path: "/repo/deploy/alice/blue.yaml", text: bot("blue")),
            ManifestSource(path: "/repo/deploy/alice/red.yaml", text: bot("red", restartPolicy: redBroken ? "Sometimes" : "Always")),
        ])
        set.provenance = commit.map { ManifestProvenance(root: "/repo", head: .commit($0)) }
        return set
    }

    static func pass(_ reconciler: Reconciler, _ store: StatusStore) async throws -> [String: BotView] {
        _ = try await reconciler.pass()
        let snapshot = try #require(await store.snapshot)
        return Dictionary(uniqueKeysWithValues: snapshot.bots.map { ($0.name, $0) })
    }

    @Test func eachBotCarriesItsPathAndThePassCommitAndAFrozenOneTheCommitThatBrokeIt() async throws {
        let manifests = ReconcilerTests.Manifests(Self.manifests(commit: "a1"))
        let runtime = InMemoryBackend()
        let store = StatusStore()
        let reconciler = Reconciler(backend: runtime, loadManifests: { manifests.load() }, store: store)

        var bots = try await Self.pass(reconciler, store)
        #expect(await store.snapshot?.lastPass?.commit == "a1")
        #expect(bots["red"]?.manifest == ManifestView(path: "deploy/alice/red.yaml", commit: "a1"))
        #expect(bots["blue"]?.manifest == ManifestView(path: "deploy/alice/blue.yaml", commit: "a1"))

        manifests.set(Self.manifests(commit: "b2", redBroken: true))
        bots = try await Self.pass(reconciler, store)
        #expect(bots["red"]?.phase == "Frozen")
        #expect(bots["red"]?.manifest == ManifestView(path: "deploy/alice/red.yaml", commit: "b2", brokenIn: "b2", lastGoodCommit: "a1"))
        #expect(bots["blue"]?.manifest == ManifestView(path: "deploy/alice/blue.yaml", commit: "b2"))

        // A later commit that leaves it broken keeps naming the one that broke it.
        manifests.set(Self.manifests(commit: "c3", redBroken: true))
        bots = try await Self.pass(reconciler, store)
        #expect(bots["red"]?.manifest == ManifestView(path: "deploy/alice/red.yaml", commit: "c3", brokenIn: "b2", lastGoodCommit: "a1"))

        // A restarted controller never saw it valid: the last good commit is unknown.
        let restartedStore = StatusStore()
        let restarted = Reconciler(backend: runtime, loadManifests: { manifests.load() }, store: restartedStore)
        bots = try await Self.pass(restarted, restartedStore)
        #expect(bots["red"]?.manifest == ManifestView(path: "deploy/alice/red.yaml", commit: "c3", brokenIn: "c3", lastGoodCommit: nil))

        // Fixed: valid again, and the history is forgotten.
        manifests.set(Self.manifests(commit: "d4"))
        bots = try await Self.pass(reconciler, store)
        #expect(bots["red"]?.phase != "Frozen")
        #expect(bots["red"]?.manifest == ManifestView(path: "deploy/alice/red.yaml", commit: "d4"))
    }

    @Test func outsideAGitCheckoutAPassRecordsNothing() async throws {
        let manifests = ReconcilerTests.Manifests(Self.manifests(commit: nil, redBroken: true))
        let store = StatusStore()
        let reconciler = Reconciler(backend: InMemoryBackend(), loadManifests: { manifests.load() }, store: store)
        let bots = try await Self.pass(reconciler, store)
        #expect(await store.snapshot?.lastPass?.commit == nil)
        #expect(bots.values.allSatisfy { $0.manifest == nil })
        #expect(bots["red"]?.phase == "Frozen")
    }
}
