import BotpoolManifest
@testable import BotpoolPlanner
import InMemoryWorld
import Testing

/// A pool whose node is down is held: the planner leaves it and its bots exactly as they are,
/// and its bots show NodeLost, until the backend lifts the hold.
@Suite struct HeldPoolTests {
    let ft = Fixture.poolClass(maxBots: 3)
    let now = Fixture.now
    let lost = PoolHold(reason: .nodeLost, message: "node node2 (10.213.0.3) is down; the bot's data stays on that node")

    func held(_ pool: ObservedPool) -> ObservedPool {
        var pool = pool
        pool.hold = lost
        return pool
    }

    var heldWarning: String { "pool botpool-ft.alice-0 held: \(lost.message); left alone" }

    @Test func aHeldPoolWithAMissingContainerIsNotReplaced() {
        let a = Fixture.bot("a")
        let pool = Fixture.pool(ft, container: .missing, [Fixture.program(a, slot: 0, process: .unknown)])
        let plan = Fixture.plan([ft], [a], [held(pool)])
        #expect(plan.actions.isEmpty)
        #expect(plan.pending.isEmpty)
        #expect(plan.warnings == [heldWarning])
        #expect(Fixture.plan([ft], [a], [pool]).lines == ["replacePool botpool-ft.alice-0: container missing"])
    }

    @Test func itsBotsGetNoActionWhateverTheyShow() {
        let exited = Fixture.bot("exited")
        let changed = Fixture.bot("changed", env: ["NEW": "1"])
        let stopped = Fixture.bot("stopped", state: .stopped)
        let pool = Fixture.pool(ft, [
            Fixture.program(exited, slot: 0, process: .exited, exitStatus: 1),
            Fixture.program(Fixture.bot("changed"), slot: 1),
            Fixture.program(stopped, slot: 2),
        ])
        let plan = Fixture.plan([ft], [exited, changed, stopped], [held(pool)])
        #expect(plan.actions.isEmpty)
        #expect(plan.backOff.isEmpty)
        #expect(Fixture.plan([ft], [exited, changed, stopped], [pool]).lines == [
            "stopBot botpool-ft.alice-0 alice/stopped slot 2 port 9002: spec.state stopped",
            "restartBot botpool-ft.alice-0 alice/exited slot 0 port 9000: process EXITED: exit 1",
            "updateBot botpool-ft.alice-0 alice/changed slot 1 port 9001: spec hash changed: env NEW",
        ])
    }

    @Test func anUndesiredBotWaitsForTheNodeToBeRemoved() {
        let kept = Fixture.bot("kept"), gone = Fixture.bot("gone")
        let pool = held(Fixture.pool(ft, [Fixture.program(kept, slot: 0), Fixture.program(gone, slot: 1)]))
        #expect(Fixture.plan([ft], [kept], [pool]).actions.isEmpty)
        // Nor is a pool removed or replaced whose class changed or went away.
        #expect(Fixture.plan([Fixture.poolClass(maxBots: 3, image: "img:2")], [kept], [pool]).actions.isEmpty)
        #expect(Fixture.plan([], [], [pool], allowMassDelete: true).actions.isEmpty)
        #expect(Fixture.plan([ft], [], [held(Fixture.pool(ft, emptiedSince: now - 86400))]).actions.isEmpty)
    }

    @Test func itsBotsAreNotPlacedElsewhereEvenWhenMisplaced() {
        let a = Fixture.bot("a"), b = Fixture.bot("b")
        let narrower = Fixture.poolClass(maxBots: 1)
        let pool = held(Fixture.pool(ft, [Fixture.program(a, slot: 0), Fixture.program(b, slot: 2, process: .unknown)]))
        let plan = Fixture.plan([narrower], [a, b], [pool])
        #expect(plan.actions.isEmpty)
        #expect(plan.pending.isEmpty)
    }

    @Test func newBotsGoToAnotherPoolNotToTheHeldOnesFreeSlots() {
        let a = Fixture.bot("a")
        let pools = [held(Fixture.pool(ft, index: 0, [Fixture.program(a, slot: 0)]))]
        let plan = Fixture.plan([ft], [a, Fixture.bot("b"), Fixture.bot("c", tenant: "bob")], pools)
        #expect(plan.lines == [
            "createPool botpool-ft.alice-1: room for new bots",
            "createPool botpool-ft.bob-2: room for new bots",
            "placeBot botpool-ft.alice-1 alice/b slot 0 port 9003 after [0]: new bot",
            "placeBot botpool-ft.bob-2 bob/c slot 0 port 9006 after [1]: new bot",
        ])
    }

    /// A pool swarm is still starting (its task pending: no node fits, or its image is missing)
    /// waits, however long, until its class changes: then it is replaced from the new template.
    @Test func aStartingPoolWaitsUntilItsClassChanges() {
        let a = Fixture.bot("a")
        var pool = Fixture.pool(ft, container: .exited, [Fixture.program(a, slot: 0, process: .stopped)])
        pool.hold = PoolHold(reason: .poolStarting, message: "the pool's task is preparing on node2: No such image: img:1")
        #expect(Fixture.plan([ft], [a], [pool]).actions.isEmpty)
        let fixed = Fixture.poolClass(maxBots: 3, image: "img:2")
        let plan = Fixture.plan([fixed], [a], [pool])
        #expect(plan.lines.first?.hasPrefix("replacePool botpool-ft.alice-0") == true, "\(plan.lines)")
        #expect(Fixture.plan([fixed], [a], [held(pool)]).actions.isEmpty, "a lost node's pool waits whatever its class says")
    }

    @Test func aHeldEmptyPoolIsNotAWarmPool() {
        let warm = Fixture.poolClass(maxBots: 3, warmPools: 1)
        let a = Fixture.bot("a")
        let pools = [Fixture.pool(warm, index: 0, [Fixture.program(a, slot: 0)]), held(Fixture.pool(warm, index: 1))]
        #expect(Fixture.plan([warm], [a], pools).lines == ["createPool botpool-ft.alice-2: warm pool 1/1 for tenant alice"])
    }

    @Test func itsBotsShowNodeLostWithTheHoldsMessage() {
        let a = Fixture.bot("a"), stopped = Fixture.bot("s", state: .stopped), frozen = Fixture.bot("f")
        let pool = held(Fixture.pool(ft, container: .missing, [
            Fixture.program(a, slot: 0, process: .exited, exitStatus: 1),
            Fixture.program(stopped, slot: 1, process: .unknown),
            Fixture.program(frozen, slot: 2),
        ]))
        var desired = DesiredState(poolClasses: [ft], bots: [a, stopped], frozenBots: [frozen.id])
        desired.frozenReasons = [frozen.id: "m.yaml:3:1: error: bad"]
        let statuses = Planner.status(desired: desired, observed: ObservedState(pools: [pool]), now: now)
        #expect(statuses.map(\.phase) == [.nodeLost, .nodeLost, .nodeLost])
        #expect(statuses[0] == BotStatus(
            bot: a.id, phase: .nodeLost, reason: lost.message, pool: "botpool-ft.alice-0", port: 9000, lastExitStatus: 1
        ))
        #expect(statuses[1].reason == "\(lost.message); manifest invalid (m.yaml:3:1: error: bad); left as it runs")
        #expect(statuses[2].reason == lost.message)
    }

    @Test func onceTheHoldLiftsTheUsualActionsComeBack() {
        let a = Fixture.bot("a"), b = Fixture.bot("b")
        let desired = DesiredState(poolClasses: [ft], bots: [a, b])
        var world = InMemoryWorld(ObservedState(pools: [Fixture.pool(ft, [Fixture.program(a, slot: 0)])]))
        world.vanish(pool: "botpool-ft.alice-0")
        world.hold(pool: "botpool-ft.alice-0", lost)
        var time = now
        for _ in 0..<3 {
            time += 10
            world.apply(Planner.plan(desired: desired, observed: world.observe(), now: time), desired: desired, now: time)
        }
        #expect(world.state.pools.map(\.name) == ["botpool-ft.alice-0", "botpool-ft.alice-1"])
        #expect(world.state.pools[0].bots.map(\.id) == [a.id])
        #expect(world.state.pools[0].container == .missing)
        let status = Planner.status(desired: desired, observed: world.observe(), now: time)
        #expect(status.map(\.phase) == [.nodeLost, .running])

        world.hold(pool: "botpool-ft.alice-0", nil)
        let plan = Planner.plan(desired: desired, observed: world.observe(), now: time + 10)
        #expect(plan.lines == ["replacePool botpool-ft.alice-0: container missing"])
        world.apply(plan, desired: desired, now: time + 10)
        #expect(Planner.status(desired: desired, observed: world.observe(), now: time + 20).map(\.phase) == [.running, .running])
    }
}
