@testable import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Logging
import Synchronization
import InMemoryWorld
import Testing

@Suite struct PlanExecutorTests {
    /// Records the order actions finish in; pool `slow` waits for bot `a`, a `broken` bot fails.
    final class TimedRuntime: Backend {
        let finished = Mutex<[String]>([])

        func observe() async throws -> ObservedState { ObservedState() }
        func probeHosts() async -> [String: String] { [:] }
        func processStates() async -> [String: String] { [:] }

        func execute(_ action: Action, context: ActionContext) async throws {
            let name = action.bot?.name ?? action.pool.name
            if name == "slow" {
                // Finishes only after bot `a` of the other pool has: an executor that waits for
                // every pool before placing bots gives up here after 5 s and the order shows it.
                for _ in 0..<500 where !finished.withLock({ $0.contains("a") }) {
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            if name == "broken" { throw InMemoryWorldError(message: "spawn error") }
            finished.withLock { $0.append(name) }
        }
    }

    static let fast = PoolTarget(name: "fast", poolClass: "c", tenant: "t", index: 0)
    static let slow = PoolTarget(name: "slow", poolClass: "c", tenant: "t", index: 1)

    static func place(_ id: Int, _ name: String, in pool: PoolTarget, after: Int) -> Action {
        Action(id: id, kind: .placeBot, pool: pool, subject: .bot(.init(id: BotID(tenant: "t", name: name), slot: 0, port: 9000)),
               reason: "new bot", dependsOn: [after])
    }

    /// Pools `fast` and `slow` from empty, with bot `a` in the first and `b` in the second.
    static let twoPools = [
        Action(id: 0, kind: .createPool, pool: fast, reason: "room"),
        Action(id: 1, kind: .createPool, pool: slow, reason: "room"),
        place(2, "a", in: fast, after: 0),
        place(3, "b", in: slow, after: 1),
    ]

    @Test func aPoolsBotsArePlacedWhileOtherPoolsAreStillBeingCreated() async {
        let runtime = TimedRuntime()
        let executor = PlanExecutor(backend: runtime, concurrency: 4, logger: Logger(label: "test"))
        let outcomes = await executor.execute(Self.twoPools, context: ActionContext(desired: DesiredState(), now: 0), deferred: [])
        #expect(outcomes.values.allSatisfy { $0 == .succeeded })
        let order = runtime.finished.withLock { $0 }
        #expect(order.firstIndex(of: "a") ?? 9 < order.firstIndex(of: "slow") ?? 0, "finished in order \(order)")
        #expect(order.last == "b")
    }

    /// One slot per lane: the second pool's create (which waits for bot `a`) runs beside `a`'s
    /// placement. With one shared slot it would hold the slot and `a` would wait behind it.
    @Test func poolCreatesDoNotHoldTheSlotsOfPlacements() async {
        let runtime = TimedRuntime()
        let executor = PlanExecutor(backend: runtime, concurrency: 1, poolConcurrency: 1, logger: Logger(label: "test"))
        let outcomes = await executor.execute(Self.twoPools, context: ActionContext(desired: DesiredState(), now: 0), deferred: [])
        #expect(outcomes.values.allSatisfy { $0 == .succeeded })
        #expect(runtime.finished.withLock { $0 } == ["fast", "a", "slow", "b"])
    }

    @Test func dependentsOfAFailedOrDeferredActionAreSkippedAndOthersRun() async {
        let runtime = TimedRuntime()
        let executor = PlanExecutor(backend: runtime, concurrency: 2, logger: Logger(label: "test"))
        let actions = [
            Action(id: 0, kind: .placeBot, pool: Self.fast, subject: .bot(.init(id: BotID(tenant: "t", name: "broken"), slot: 0, port: 9000)), reason: "new bot"),
            Self.place(1, "after-broken", in: Self.fast, after: 0),
            Action(id: 2, kind: .createPool, pool: PoolTarget(name: "later", poolClass: "c", tenant: "t", index: 2), reason: "room"),
            Self.place(3, "after-deferred", in: Self.fast, after: 2),
            Self.place(4, "orphan", in: Self.fast, after: 99),
            Action(id: 5, kind: .placeBot, pool: Self.fast, subject: .bot(.init(id: BotID(tenant: "t", name: "fine"), slot: 1, port: 9001)), reason: "new bot"),
        ]
        let outcomes = await executor.execute(actions, context: ActionContext(desired: DesiredState(), now: 0), deferred: [2])
        #expect(outcomes[0] == .failed("spawn error"))
        #expect(outcomes[1] == .skipped("depends on action 0, which did not succeed"))
        #expect(outcomes[2] == .deferred)
        #expect(outcomes[3] == .skipped("depends on action 2, which did not succeed"))
        #expect(outcomes[4] == .skipped("unmet dependency"))
        #expect(outcomes[5] == .succeeded)
    }
}
