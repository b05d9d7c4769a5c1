import BotpoolManifest
@testable import BotpoolPlanner
import Testing

/// `maxBots: 1` (pool off): a container per bot, planned by the same rules as a pool of many.
@Suite struct OneBotPerPoolTests {
    let solo = Fixture.poolClass(maxBots: 1, ttl: 0)

    @Test func eachBotGetsItsOwnPoolOnPortBasePlusIndex() {
        let plan = Fixture.plan([solo], ["a", "b", "c"].map { Fixture.bot($0) })
        #expect(plan.lines == [
            "createPool botpool-ft.alice-0: room for new bots",
            "createPool botpool-ft.alice-1: room for new bots",
            "createPool botpool-ft.alice-2: room for new bots",
            "placeBot botpool-ft.alice-0 alice/a slot 0 port 9000 after [0]: new bot",
            "placeBot botpool-ft.alice-1 alice/b slot 0 port 9001 after [1]: new bot",
            "placeBot botpool-ft.alice-2 alice/c slot 0 port 9002 after [2]: new bot",
        ])
    }

    @Test func aChangedBotRestartsInItsOwnPoolAndAnEmptiedPoolGoes() {
        let a = Fixture.bot("a"), b = Fixture.bot("b")
        let pools = [
            Fixture.pool(solo, index: 0, [Fixture.program(a, slot: 0)]),
            Fixture.pool(solo, index: 1, [Fixture.program(b, slot: 0)]),
            Fixture.pool(solo, index: 2, emptiedSince: Fixture.now),
        ]
        let plan = Fixture.plan([solo], [a, Fixture.bot("b", env: ["NEW": "1"])], pools)
        #expect(plan.lines == [
            "updateBot botpool-ft.alice-1 alice/b slot 0 port 9001: spec hash changed: env NEW",
            "removePool botpool-ft.alice-2: pool empty, ttl 0",
        ])
    }
}
