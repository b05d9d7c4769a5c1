import BotpoolManifest
@testable import BotpoolPlanner
import Testing

/// `botpool move` records a second copy of a bot, marked with the time of the move. Of two
/// copies the planner keeps the one moved last, even against a running copy, and removes the
/// other without its data once its pool can be reached: the copy left on a lost node never runs
/// beside the moved one.
@Suite struct MovedBotTests {
    let ft = Fixture.poolClass(maxBots: 3)
    let now = Fixture.now
    let lost = PoolHold(reason: .nodeLost, message: "node node2 (10.213.0.12) is down; its data stays there")

    /// The copy in pool 1, as the move recorded it: no program yet, marked.
    func moved(_ bot: DesiredBot, at time: Timestamp, process: ProcessState = .stopped, fingerprint: SpecFingerprint? = nil) -> ObservedBot {
        ObservedBot(id: bot.id, slot: 0, fingerprint: fingerprint, deletionPolicy: bot.spec.deletionPolicy,
                    process: process, movedAt: time)
    }

    @Test func theMovedCopyStartsWhileTheOneOnTheLostNodeWaits() {
        let a = Fixture.bot("a")
        var old = Fixture.pool(ft, index: 0, [Fixture.program(a, slot: 0, process: .stopped)])
        old.hold = lost
        let target = Fixture.pool(ft, index: 1, [moved(a, at: now - 5)])
        let plan = Fixture.plan([ft], [a], [old, target])
        #expect(plan.lines == ["updateBot botpool-ft.alice-1 alice/a slot 0 port 9003: spec hash unknown"])
        let status = Planner.status(desired: DesiredState(poolClasses: [ft], bots: [a]),
                                    observed: ObservedState(pools: [old, target]), now: now)
        #expect(status.map(\.pool) == ["botpool-ft.alice-1"])
        #expect(status.map(\.phase) != [.nodeLost])
    }

    @Test func backTheOldCopyIsRemovedWithoutItsDataThoughItRuns() {
        let a = Fixture.bot("a", deletionPolicy: .delete)
        let old = Fixture.pool(ft, index: 0, [Fixture.program(a, slot: 0, process: .running)])
        let target = Fixture.pool(ft, index: 1, [moved(a, at: now - 5, process: .stopped, fingerprint: a.fingerprint)])
        let plan = Fixture.plan([ft], [a], [old, target])
        #expect(plan.lines == [
            "removeBot botpool-ft.alice-0 alice/a slot 0 port 9000: duplicate: the bot also runs in pool botpool-ft.alice-1",
            "startBot botpool-ft.alice-1 alice/a slot 0 port 9003: spec.state running, process STOPPED",
        ])
        #expect(plan.actions.first?.deleteData == false)
    }

    @Test func ofTwoMovedCopiesTheLaterWins() {
        let a = Fixture.bot("a")
        let first = Fixture.pool(ft, index: 0, [moved(a, at: now - 60, process: .running, fingerprint: a.fingerprint)])
        let second = Fixture.pool(ft, index: 1, [moved(a, at: now - 5, process: .running, fingerprint: a.fingerprint)])
        #expect(Fixture.plan([ft], [a], [second, first]).lines == [
            "removeBot botpool-ft.alice-0 alice/a slot 0 port 9000: duplicate: the bot also runs in pool botpool-ft.alice-1",
        ])
    }
}
