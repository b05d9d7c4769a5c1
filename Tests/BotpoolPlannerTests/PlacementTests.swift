import BotpoolManifest
@testable import BotpoolPlanner
import Testing

@Suite struct PlacementTests {
    let ft = Fixture.poolClass(maxBots: 3)

    @Test func newBotsGetAPoolCreatedFirstAndSlotPorts() {
        let plan = Fixture.plan([ft], [Fixture.bot("a"), Fixture.bot("b")])
        #expect(plan.lines == [
            "createPool botpool-ft.alice-0: room for new bots",
            "placeBot botpool-ft.alice-0 alice/a slot 0 port 9000 after [0]: new bot",
            "placeBot botpool-ft.alice-0 alice/b slot 1 port 9001 after [0]: new bot",
        ])
    }

    @Test func newBotsFillTheFullestPoolWithRoom() {
        let (a, b, c, d) = (Fixture.bot("a"), Fixture.bot("b"), Fixture.bot("c"), Fixture.bot("new"))
        let pools = [
            Fixture.pool(ft, index: 0, [Fixture.program(a, slot: 0)]),
            Fixture.pool(ft, index: 1, [Fixture.program(b, slot: 0), Fixture.program(c, slot: 2)]),
        ]
        let plan = Fixture.plan([ft], [a, b, c, d], pools)
        #expect(plan.lines == ["placeBot botpool-ft.alice-1 alice/new slot 1 port 9004: new bot"])
    }

    @Test func memoryDecidesWhenTheFullestPoolHasNoRoom() {
        let small = Fixture.poolClass(maxBots: 3, memoryLimit: .mebibytes(1000))
        let a = Fixture.bot("a", memory: .mebibytes(300))
        let b = Fixture.bot("b", memory: .mebibytes(300))
        let c = Fixture.bot("c", memory: .mebibytes(300))
        let big = Fixture.bot("big", memory: .mebibytes(500))
        let pools = [
            Fixture.pool(small, index: 0, [Fixture.program(a, slot: 0)]),
            Fixture.pool(small, index: 1, [Fixture.program(b, slot: 0), Fixture.program(c, slot: 1)]),
        ]
        let plan = Fixture.plan([small], [a, b, c, big], pools)
        #expect(plan.lines == ["placeBot botpool-ft.alice-0 alice/big slot 1 port 9001: new bot"])
    }

    @Test func aNewPoolTakesTheLowestFreeIndexOfTheClass() {
        let mine = (0..<3).map { Fixture.bot("a\($0)") }
        let theirs = Fixture.bot("x", tenant: "bob")
        let pools = [
            Fixture.pool(ft, index: 0, mine.enumerated().map { Fixture.program($1, slot: $0) }),
            Fixture.pool(ft, tenant: "bob", index: 1, [Fixture.program(theirs, slot: 0)]),
        ]
        let plan = Fixture.plan([ft], mine + [theirs, Fixture.bot("more")], pools)
        #expect(plan.lines == [
            "createPool botpool-ft.alice-2: room for new bots",
            "placeBot botpool-ft.alice-2 alice/more slot 0 port 9006 after [0]: new bot",
        ])
    }

    @Test func dedicatedPoolsNeverMixTenants() {
        let alice = Fixture.bot("a")
        let plan = Fixture.plan([ft], [alice, Fixture.bot("b", tenant: "bob")], [Fixture.pool(ft, index: 0, [Fixture.program(alice, slot: 0)])])
        #expect(plan.lines == [
            "createPool botpool-ft.bob-1: room for new bots",
            "placeBot botpool-ft.bob-1 bob/b slot 0 port 9003 after [0]: new bot",
        ])
    }

    @Test func sharedPoolsHoldEveryTenant() {
        let shared = Fixture.poolClass(maxBots: 3, tenancy: .shared)
        let plan = Fixture.plan([shared], [Fixture.bot("a"), Fixture.bot("b", tenant: "bob")])
        #expect(plan.lines == [
            "createPool botpool-ft-0: room for new bots",
            "placeBot botpool-ft-0 alice/a slot 0 port 9000 after [0]: new bot",
            "placeBot botpool-ft-0 bob/b slot 1 port 9001 after [0]: new bot",
        ])
    }

    @Test func capacityLimitsLeaveBotsPendingUnschedulable() {
        let one = Fixture.poolClass(maxBots: 1, memoryLimit: .mebibytes(512), maxPools: 1)
        let a = Fixture.bot("a", memory: .mebibytes(300))
        let full = Fixture.plan([one], [a, Fixture.bot("b")], [Fixture.pool(one, [Fixture.program(a, slot: 0)])])
        #expect(full.actions.isEmpty)
        #expect(full.pending == [PendingBot(bot: BotID(tenant: "alice", name: "b"), reason: "Unschedulable: class ft: all 1 pools in use")])

        let two = Fixture.poolClass(maxBots: 2, memoryLimit: .mebibytes(512), maxPools: 1)
        let b = Fixture.bot("b", memory: .mebibytes(300))
        let memory = Fixture.plan([two], [a, b], [Fixture.pool(two, [Fixture.program(a, slot: 0)])])
        #expect(memory.pending.map(\.reason) == ["Unschedulable: no pool has 300Mi free and class ft is at maxPools 1"])

        let huge = Fixture.plan([two], [Fixture.bot("h", memory: .gibibytes(1))])
        #expect(huge.actions.isEmpty)
        #expect(huge.pending.map(\.reason) == ["Unschedulable: bot requests 1Gi but class ft has memoryLimit 512Mi"])
    }

    @Test func aHealthyPlacedBotNeverMoves() {
        let a = Fixture.bot("a")
        let pools = [Fixture.pool(ft, index: 0), Fixture.pool(ft, index: 3, [Fixture.program(a, slot: 2)])]
        #expect(Fixture.plan([ft], [a], pools).actions.isEmpty)
    }

    @Test func aBotWhosePoolClassChangedMovesAfterItsRemoval() {
        let other = Fixture.poolClass("big", maxBots: 3, basePort: 10000)
        let before = Fixture.bot("a")
        let after = Fixture.bot("a", poolClass: "big")
        let plan = Fixture.plan([ft, other], [after], [Fixture.pool(ft, [Fixture.program(before, slot: 0)])])
        #expect(plan.lines == [
            "removeBot botpool-ft.alice-0 alice/a slot 0 port 9000: moving to pool botpool-big.alice-0: pool class changed: ft → big",
            "createPool botpool-big.alice-0: room for new bots",
            "placeBot botpool-big.alice-0 alice/a slot 0 port 10000 after [0, 1]: moved from pool botpool-ft.alice-0: pool class changed: ft → big",
        ])
        #expect(plan.refused == nil)
    }

    @Test func aBotOfAnUndeclaredClassIsPending() {
        let plan = Fixture.plan([ft], [Fixture.bot("a", poolClass: "nope")])
        #expect(plan.actions.isEmpty)
        #expect(plan.pending.map(\.reason) == ["pool class nope not declared"])
    }

    @Test func aStoppedBotThatIsNotPlacedTakesNoSlot() {
        let plan = Fixture.plan([ft], [Fixture.bot("a", state: .stopped)])
        #expect(plan.actions.isEmpty)
        #expect(plan.pending.isEmpty)
    }

    @Test func planningIsDeterministicWhateverTheInputOrder() {
        let bots = (0..<12).map { Fixture.bot("b\($0)", tenant: $0 % 2 == 0 ? "alice" : "bob") }
        let pools = [
            Fixture.pool(ft, index: 0, [Fixture.program(bots[0], slot: 1)]),
            Fixture.pool(ft, tenant: "bob", index: 1, [Fixture.program(bots[1], slot: 0)]),
            Fixture.pool(ft, index: 2),
        ]
        let first = Fixture.plan([ft], bots, pools)
        let second = Fixture.plan([ft], bots.reversed(), pools.reversed())
        #expect(first.actions == second.actions)
        #expect(first.actions.count > 10)
    }
}
