import BotpoolManifest
@testable import BotpoolPlanner
import InMemoryWorld
import Testing

@Suite struct InMemoryWorldTests {
    let ft = Fixture.poolClass(maxBots: 2)
    let now = Fixture.now

    @Test func applyingAPlanConvergesAndTheNextPlanIsEmpty() {
        let desired = DesiredState(poolClasses: [ft], bots: (0..<3).map { Fixture.bot("b\($0)") })
        var runtime = InMemoryWorld()
        let plan = Planner.plan(desired: desired, observed: runtime.observe(), now: now)
        #expect(runtime.apply(plan, desired: desired, now: now).allSatisfy { $0 == .succeeded })
        #expect(runtime.state.pools.map(\.name) == ["botpool-ft.alice-0", "botpool-ft.alice-1"])
        #expect(runtime.state.pools.flatMap(\.bots).allSatisfy { $0.process == .running })
        #expect(Planner.plan(desired: desired, observed: runtime.observe(), now: now + 1).isEmpty)
    }

    @Test func aFailedActionSkipsWhatDependsOnIt() {
        let desired = DesiredState(poolClasses: [ft], bots: [Fixture.bot("a")])
        var runtime = InMemoryWorld()
        runtime.actionFaults = [ActionFault(kind: .createPool, message: "docker said no")]
        let plan = Planner.plan(desired: desired, observed: runtime.observe(), now: now)
        #expect(runtime.apply(plan, desired: desired, now: now) == [.failed("docker said no"), .skipped("depends on action 0, which did not succeed")])
        #expect(runtime.state.pools.isEmpty)
        let retry = Planner.plan(desired: desired, observed: runtime.observe(), now: now + 1)
        #expect(runtime.apply(retry, desired: desired, now: now + 1) == [.succeeded, .succeeded])
    }

    @Test func crashesBackOffAndRecover() {
        let a = Fixture.bot("a")
        let desired = DesiredState(poolClasses: [ft], bots: [a])
        var runtime = InMemoryWorld()
        runtime.apply(Planner.plan(desired: desired, observed: runtime.observe(), now: now), desired: desired, now: now)
        runtime.startFaults[a.id] = StartFault(exitStatus: 1, times: 2)
        runtime.crash(a.id, exitStatus: 1)
        var restarts: [Timestamp] = []
        var time = now
        for _ in 0..<60 {
            time += 5
            let plan = Planner.plan(desired: desired, observed: runtime.observe(), now: time)
            if plan.actions.contains(where: { $0.kind == .restartBot }) { restarts.append(time - now) }
            runtime.apply(plan, desired: desired, now: time)
        }
        #expect(restarts == [5, 15, 35])
        #expect(runtime.state.pools[0].bots[0].process == .running)
        #expect(runtime.state.restarts[a.id]?.count == 3)
    }

    @Test func vanishedContainersAreReplacedWithTheirBots() {
        let desired = DesiredState(poolClasses: [ft], bots: [Fixture.bot("a"), Fixture.bot("b")])
        var runtime = InMemoryWorld()
        runtime.apply(Planner.plan(desired: desired, observed: runtime.observe(), now: now), desired: desired, now: now)
        let before = runtime.state.pools[0].bots.map(\.slot)
        runtime.vanish(pool: "botpool-ft.alice-0")
        let plan = Planner.plan(desired: desired, observed: runtime.observe(), now: now + 1)
        #expect(plan.lines == ["replacePool botpool-ft.alice-0: container missing"])
        runtime.apply(plan, desired: desired, now: now + 1)
        #expect(runtime.state.pools[0].bots.map(\.slot) == before)
        #expect(runtime.state.pools[0].bots.allSatisfy { $0.process == .running })
    }
}
