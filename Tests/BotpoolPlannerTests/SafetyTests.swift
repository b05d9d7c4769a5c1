import BotpoolManifest
@testable import BotpoolPlanner
import Testing

@Suite struct SafetyTests {
    let ft = Fixture.poolClass()
    let bots = (0..<4).map { Fixture.bot("b\($0)") }
    var pool: ObservedPool { Fixture.pool(ft, bots.enumerated().map { Fixture.program($1, slot: $0) }) }

    @Test func removingMoreThanHalfOfTheRunningBotsIsRefused() {
        let plan = Fixture.plan([ft], [bots[0]], [pool])
        #expect(plan.actions.isEmpty)
        #expect(plan.refused == "would remove 3 of 4 running bots (more than half); nothing changed, rerun with --allow-mass-delete if this is intended")
        #expect(plan.refusedActions.count == 3)
        #expect(!plan.isEmpty)
        let allowed = Fixture.plan([ft], [bots[0]], [pool], allowMassDelete: true)
        #expect(allowed.refused == nil)
        #expect(allowed.actions.map(\.kind) == [.removeBot, .removeBot, .removeBot])
    }

    @Test func botsStillStartingCountAsRunning() {
        let starting = Fixture.pool(ft, bots.enumerated().map { Fixture.program($1, slot: $0, process: .starting) })
        let plan = Fixture.plan([], [], [starting])
        #expect(plan.refused == "would remove 4 of 4 running bots (more than half); nothing changed, rerun with --allow-mass-delete if this is intended")
        #expect(plan.actions.isEmpty)
    }

    @Test func removingHalfIsAllowed() {
        let plan = Fixture.plan([ft], Array(bots.prefix(2)), [pool])
        #expect(plan.refused == nil)
        #expect(plan.actions.count == 2)
    }

    @Test func anEmptyManifestDirectoryChangesNothing() {
        let plan = Fixture.plan([], [], [pool])
        #expect(plan.refused != nil)
        #expect(plan.actions.isEmpty)
    }

    @Test func aFrozenBotIsNeverTouched() {
        let frozen = Fixture.bot("frozen")
        var broken = Fixture.program(frozen, slot: 0, process: .exited, exitStatus: 1)
        broken.fingerprint = nil
        let changed = Fixture.poolClass(image: "img:2")
        let pools = [
            Fixture.pool(ft, index: 0, [broken]),
            Fixture.pool(ft, index: 1, container: .exited, [Fixture.program(frozen, slot: 3)]),
        ]
        let plan = Fixture.plan([changed], [Fixture.bot("new")], pools, frozen: [frozen.id])
        #expect(plan.lines == [
            "placeBot botpool-ft.alice-0 alice/new slot 1 port 9001: new bot",
        ])
        #expect(plan.warnings == [
            "pool botpool-ft.alice-0: template changed but it holds frozen bot alice/frozen; not replaced",
            "pool botpool-ft.alice-1: container exited but it holds frozen bot alice/frozen; not replaced",
        ])
    }

    @Test func unattributedErrorsKeepStrays() {
        let plan = Fixture.plan([ft], Array(bots.prefix(3)), [pool], unattributed: true)
        #expect(plan.actions.isEmpty)
        #expect(plan.warnings == ["bot alice/b3 in pool botpool-ft.alice-0 has no manifest; kept because some manifests could not be read"])
    }

    @Test func malformedContainersAreReportedAndLeftAlone() {
        let plan = Fixture.plan([ft], [], [], malformed: [MalformedContainer(id: "abc123", name: "botpool-x", problem: "label io.botpool.class missing")])
        #expect(plan.actions.isEmpty)
        #expect(plan.warnings == ["container botpool-x (abc123) looks like a pool but label io.botpool.class missing; left alone"])
    }

    @Test func aStrayProgramIsRemoved() {
        let plan = Fixture.plan([ft], Array(bots.prefix(3)), [pool])
        #expect(plan.lines == ["removeBot botpool-ft.alice-0 alice/b3 slot 3 port 9003: manifest removed (data kept)"])
    }

    @Test func aDuplicateCopyIsRemovedKeepingTheOneThatRuns() {
        let a = Fixture.bot("a")
        let pools = [
            Fixture.pool(ft, index: 0, [Fixture.program(a, slot: 0, process: .stopped)]),
            Fixture.pool(ft, index: 1, [Fixture.program(a, slot: 4)]),
        ]
        #expect(Fixture.plan([ft], [a], pools).lines == [
            "removeBot botpool-ft.alice-0 alice/a slot 0 port 9000: duplicate: the bot also runs in pool botpool-ft.alice-1",
        ])
    }

    @Test func twoProgramsOnOneSlotMoveTheSecond() {
        let a = Fixture.bot("a")
        let b = Fixture.bot("b")
        let plan = Fixture.plan([ft], [a, b], [Fixture.pool(ft, [Fixture.program(a, slot: 0), Fixture.program(b, slot: 0)])])
        #expect(plan.lines == [
            "removeBot botpool-ft.alice-0 alice/b slot 0 port 9000: moving to pool botpool-ft.alice-0: slot 0 (port 9000) is taken by another program",
            "placeBot botpool-ft.alice-0 alice/b slot 1 port 9001 after [0]: moved from pool botpool-ft.alice-0: slot 0 (port 9000) is taken by another program",
        ])
    }
}
