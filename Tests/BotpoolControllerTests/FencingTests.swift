@testable import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Logging
import Synchronization
import Testing

/// A deposed leader stops before its next call: before the pass observes, and between actions.
@Suite struct FencingTests {
    /// Counts calls; ends `term` while running the action named `last`.
    final class CountingBackend: Backend {
        let calls = Mutex<[String]>([])
        let term: LeaderTerm
        let last: String

        init(term: LeaderTerm, endingAt last: String) {
            self.term = term
            self.last = last
        }

        func observe() async throws -> ObservedState {
            calls.withLock { $0.append("observe") }
            return ObservedState()
        }

        func probeHosts() async -> [String: String] { [:] }
        func processStates() async -> [String: String] { [:] }

        func execute(_ action: Action, context: ActionContext) async throws {
            let name = action.bot?.name ?? action.pool.name
            calls.withLock { $0.append(name) }
            if name == last { term.end("lease expired (test)") }
        }
    }

    static let pool = PoolTarget(name: "p", poolClass: "c", tenant: "t", index: 0)

    static func place(_ id: Int, _ name: String) -> Action {
        Action(id: id, kind: .placeBot, pool: pool, subject: .bot(.init(id: BotID(tenant: "t", name: name), slot: id, port: 9000 + id)),
               reason: "new bot", dependsOn: [0])
    }

    @Test func noActionStartsOnceTheTermEnds() async {
        let term = LeaderTerm(epoch: 7, renewedAt: .now, renewDeadline: .seconds(60))
        let backend = CountingBackend(term: term, endingAt: "p")
        // One at a time, so that "between actions" is well defined.
        let executor = PlanExecutor(backend: backend, concurrency: 1, fence: term, logger: Logger(label: "test"))
        let actions = [Action(id: 0, kind: .createPool, pool: Self.pool, reason: "room"), Self.place(1, "a"), Self.place(2, "b")]
        let outcomes = await executor.execute(actions, context: ActionContext(desired: DesiredState(), now: 0), deferred: [])
        #expect(backend.calls.withLock { $0 } == ["p"])
        #expect(outcomes[0] == .succeeded)
        #expect(outcomes[1] == .skipped("not the leader: lease expired (test)"))
        #expect(outcomes[2] == .skipped("not the leader: lease expired (test)"))
    }

    @Test func aTermPastItsRenewDeadlineFailsThePassBeforeItObserves() async throws {
        let term = LeaderTerm(epoch: 7, renewedAt: .now - .seconds(11), renewDeadline: .seconds(10))
        #expect(!term.isValid)
        let backend = CountingBackend(term: term, endingAt: "")
        var options = Reconciler.Options()
        options.fence = term
        let reconciler = Reconciler(backend: backend, loadManifests: { ManifestSet() }, options: options)
        let error = await #expect(throws: LeadershipLost.self) { _ = try await reconciler.pass() }
        #expect(error?.description.contains("renew deadline") == true)
        #expect(backend.calls.withLock { $0 }.isEmpty)
    }

    @Test func aTermRenewedInTimeStaysValidAndAnEndedOneNeverComesBack() async {
        let term = LeaderTerm(epoch: 1, renewedAt: .now, renewDeadline: .milliseconds(300))
        term.renewed(sentAt: .now + .seconds(60))
        #expect(term.isValid)
        term.end("revoked")
        term.renewed(sentAt: .now + .seconds(120))
        #expect(!term.isValid)
        #expect(term.lossReason == "revoked")
        await term.lost()
    }

    @Test func lostWakesAWaiterWhenTheTermEnds() async {
        let term = LeaderTerm(epoch: 1, renewedAt: .now, renewDeadline: .seconds(60))
        async let waited: Void = term.lost()
        try? await Task.sleep(for: .milliseconds(50))
        term.end("etcd no longer holds the lease")
        await waited
        #expect(!term.isValid)
    }
}
