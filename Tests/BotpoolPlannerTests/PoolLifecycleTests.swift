import BotpoolManifest
@testable import BotpoolPlanner
import Testing

@Suite struct PoolLifecycleTests {
    let ft = Fixture.poolClass(maxBots: 3)
    let now = Fixture.now

    @Test func aDeadContainerIsReplacedAndItsBotsStayOnTheirSlots() {
        let a = Fixture.bot("a")
        let b = Fixture.bot("b", env: ["NEW": "1"])
        var stale = Fixture.program(Fixture.bot("b"), slot: 2, process: .unknown)
        stale.pid = nil
        let pools = [
            Fixture.pool(ft, index: 0, container: .exited, [Fixture.program(a, slot: 0, process: .unknown), stale]),
            Fixture.pool(ft, index: 1, container: .missing, [Fixture.program(Fixture.bot("c"), slot: 0, process: .unknown)]),
        ]
        let plan = Fixture.plan([ft], [a, b, Fixture.bot("c"), Fixture.bot("d")], pools)
        #expect(plan.lines == [
            "replacePool botpool-ft.alice-0: container exited",
            "replacePool botpool-ft.alice-1: container missing",
            "placeBot botpool-ft.alice-0 alice/d slot 1 port 9001 after [0]: new bot",
            "updateBot botpool-ft.alice-0 alice/b slot 2 port 9002 after [0]: spec hash changed: env NEW",
        ])
    }

    @Test func templateDriftReplacesOnePoolPerPass() {
        let changed = Fixture.poolClass(maxBots: 3, image: "img:2")
        let bots = (0..<3).map { Fixture.bot("b\($0)") }
        let pools = bots.enumerated().map { index, bot in
            Fixture.pool(ft, index: index, templateHash: ft.spec.templateHash, [Fixture.program(bot, slot: 0, process: .exited, exitStatus: 1)])
        }
        let plan = Fixture.plan([changed], bots, pools)
        #expect(plan.lines == [
            "replacePool botpool-ft.alice-0: template changed: \(ft.spec.templateHash) → \(changed.spec.templateHash)",
            "restartBot botpool-ft.alice-1 alice/b1 slot 0 port 9003: process EXITED: exit 1",
            "restartBot botpool-ft.alice-2 alice/b2 slot 0 port 9006: process EXITED: exit 1",
        ])
    }

    @Test func warmPoolsAreKeptPerClassAndTenant() {
        let warm = Fixture.poolClass(maxBots: 1, warmPools: 2)
        let a = Fixture.bot("a")
        let pools = [Fixture.pool(warm, index: 0, [Fixture.program(a, slot: 0)]), Fixture.pool(warm, index: 4)]
        let plan = Fixture.plan([warm], [a], pools)
        #expect(plan.lines == ["createPool botpool-ft.alice-1: warm pool 2/2 for tenant alice"])
        #expect(Fixture.plan([warm], [], []).actions.isEmpty)
    }

    @Test func emptyPoolsBeyondTheWarmOnesGoAfterTheirTTL() {
        let a = Fixture.bot("a")
        let pools = [
            Fixture.pool(ft, index: 0, [Fixture.program(a, slot: 0)]),
            Fixture.pool(ft, index: 1, emptiedSince: now - 16 * 60),
            Fixture.pool(ft, index: 2, emptiedSince: now - 14 * 60),
            Fixture.pool(ft, tenant: "bob", index: 3),
        ]
        #expect(Fixture.plan([ft], [a], pools).lines == [
            "removePool botpool-ft.alice-1: pool empty for 16m > ttl 15m",
        ])
        let instant = Fixture.poolClass(maxBots: 3, ttl: 0)
        #expect(Fixture.plan([instant], [a], pools).lines == [
            "removePool botpool-ft.alice-1: pool empty, ttl 0",
            "removePool botpool-ft.alice-2: pool empty, ttl 0",
            "removePool botpool-ft.bob-3: pool empty, ttl 0",
        ])
    }

    @Test func poolsOfAnUndeclaredClassAreRemovedOnceEmpty() {
        let old = Fixture.poolClass("old", maxBots: 3, basePort: 12000)
        let plan = Fixture.plan([ft], [], [Fixture.pool(old, index: 0)])
        #expect(plan.lines == ["removePool botpool-old.alice-0: pool class old not declared"])
    }

    @Test func newBotsMayGoIntoAPoolBeingReplaced() {
        let a = Fixture.bot("a")
        let plan = Fixture.plan([ft], [a, Fixture.bot("b")], [Fixture.pool(ft, container: .exited, [Fixture.program(a, slot: 1, process: .unknown)])])
        #expect(plan.lines == [
            "replacePool botpool-ft.alice-0: container exited",
            "placeBot botpool-ft.alice-0 alice/b slot 0 port 9000 after [0]: new bot",
        ])
    }
}
