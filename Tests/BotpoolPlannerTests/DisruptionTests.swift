import BotpoolManifest
@testable import BotpoolPlanner
import Testing

/// `spec.disruption`: which changes wait for open trades or a rollout, and which never wait.
@Suite struct DisruptionTests {
    let ft = Fixture.poolClass()
    let now = Fixture.now

    /// A FreqTrade bot with the given policy; `env` changes its spec hash.
    private func bot(_ policy: DisruptionPolicy, env: String = "1", state: BotState = .running) -> DesiredBot {
        var bot = Fixture.bot("a", state: state, env: ["FOO": env]).bot
        bot.spec.freqtrade = FreqtradeAPI(username: "botpool")
        bot.spec.disruption = Disruption(policy: policy, drainTimeoutSeconds: 600)
        return DesiredBot(bot)
    }

    private func plan(
        _ desired: [DesiredBot], _ pools: [ObservedPool], trading: [BotID: TradingState] = [:],
        drains: [BotID: DrainRecord] = [:], requests: [BotID: OperatorRequest] = [:], at time: Timestamp? = nil
    ) -> Plan {
        Planner.plan(
            desired: DesiredState(poolClasses: [ft], bots: desired),
            observed: ObservedState(pools: pools, trading: trading, drains: drains, requests: requests),
            now: time ?? now
        )
    }

    private var id: BotID { BotID(tenant: "alice", name: "a") }

    @Test func anEditOfAWhenFlatBotWithOpenTradesStopsEntriesAndWaits() {
        let running = Fixture.program(bot(.whenFlat), slot: 0)
        let trading = TradingState(openTrades: 2, openTradesAt: now - 5, state: "running")
        let first = plan([bot(.whenFlat, env: "2")], [Fixture.pool(ft, [running])], trading: [id: trading])
        #expect(first.lines == ["drainBot botpool-ft.alice-0 alice/a slot 0 port 9000: no new entries before update (spec hash changed: env FOO)"])
        #expect(first.drains[id] == DrainRecord(since: now, stoppedEntries: true))
        #expect(first.disruptions.map(\.condition) == [.draining])
        #expect(first.disruptions.first?.reason == "update (spec hash changed: env FOO) waits for 2 open trades")

        // Paused now; still 2 trades: nothing more to do, the wait goes on.
        let paused = TradingState(openTrades: 2, openTradesAt: now + 10, state: "paused")
        let later = plan([bot(.whenFlat, env: "2")], [Fixture.pool(ft, [running])], trading: [id: paused],
                         drains: first.drains, at: now + 20)
        #expect(later.actions.isEmpty)
        #expect(later.drains[id]?.since == now)
        #expect(later.disruptions.first?.openTrades == 2)
    }

    @Test func theEditGoesAheadOnceACountReadAfterTheDrainSaysFlat() {
        let running = Fixture.program(bot(.whenFlat), slot: 0)
        let drains = [id: DrainRecord(since: now - 30, stoppedEntries: true)]
        // A zero read before the drain began does not count.
        let stale = TradingState(openTrades: 0, openTradesAt: now - 40, state: "paused")
        let waiting = plan([bot(.whenFlat, env: "2")], [Fixture.pool(ft, [running])], trading: [id: stale], drains: drains)
        #expect(waiting.actions.isEmpty)
        #expect(waiting.disruptions.first?.reason == "update (spec hash changed: env FOO) waits for the open trade count")

        let flat = TradingState(openTrades: 0, openTradesAt: now - 1, state: "paused")
        let go = plan([bot(.whenFlat, env: "2")], [Fixture.pool(ft, [running])], trading: [id: flat], drains: drains)
        #expect(go.lines == ["updateBot botpool-ft.alice-0 alice/a slot 0 port 9000: spec hash changed: env FOO"])
        #expect(go.drains.isEmpty && go.disruptions.isEmpty)
    }

    @Test func pastTheDrainTimeoutTheBotStillWaitsAsWaitingForFlat() {
        let running = Fixture.program(bot(.whenFlat), slot: 0)
        let trading = TradingState(openTrades: 1, openTradesAt: now - 1, state: "paused")
        let plan = plan([bot(.whenFlat, env: "2")], [Fixture.pool(ft, [running])], trading: [id: trading],
                        drains: [id: DrainRecord(since: now - 601, stoppedEntries: true)])
        #expect(plan.actions.isEmpty)
        #expect(plan.disruptions.map(\.condition) == [.waitingForFlat])
        #expect(plan.disruptions.first?.reason.contains("`botpool restart alice/a --force` overrides") == true)
    }

    @Test func forceLetsTheChangeGoAheadAndIsUsedOnce() {
        let running = Fixture.program(bot(.whenFlat), slot: 0, startedAt: now - 60)
        let trading = TradingState(openTrades: 3, openTradesAt: now - 1, state: "paused")
        let request = [id: OperatorRequest(kind: .restart, force: true, at: now - 10)]
        let forced = plan([bot(.whenFlat, env: "2")], [Fixture.pool(ft, [running])], trading: [id: trading],
                          drains: [id: DrainRecord(since: now - 900, stoppedEntries: true)], requests: request)
        #expect(forced.lines == ["updateBot botpool-ft.alice-0 alice/a slot 0 port 9000: spec hash changed: env FOO"])
        #expect(forced.requests[id] != nil, "held until the bot has started after it")

        // The bot restarted after the request: the request is spent.
        let restarted = Fixture.program(bot(.whenFlat, env: "2"), slot: 0, startedAt: now - 5)
        let after = plan([bot(.whenFlat, env: "2")], [Fixture.pool(ft, [restarted])], trading: [id: trading], requests: request)
        #expect(after.actions.isEmpty && after.requests.isEmpty)
    }

    @Test func aForcedRestartWithoutAChangeRestartsTheBot() {
        let running = Fixture.program(bot(.always), slot: 0, startedAt: now - 60)
        let plan = plan([bot(.always)], [Fixture.pool(ft, [running])],
                        requests: [id: OperatorRequest(kind: .restart, force: true, at: now - 1)])
        #expect(plan.lines == ["restartBot botpool-ft.alice-0 alice/a slot 0 port 9000: restart requested (--force)"])
    }

    @Test func aRestartRequestOfAWhenFlatBotDrainsFirst() {
        let running = Fixture.program(bot(.whenFlat), slot: 0, startedAt: now - 60)
        let trading = TradingState(openTrades: 1, openTradesAt: now - 1, state: "running")
        let plan = plan([bot(.whenFlat)], [Fixture.pool(ft, [running])], trading: [id: trading],
                        requests: [id: OperatorRequest(kind: .restart, at: now - 1)])
        #expect(plan.lines == ["drainBot botpool-ft.alice-0 alice/a slot 0 port 9000: no new entries before restart (restart requested)"])
        #expect(plan.requests[id] != nil)
    }

    @Test func aCrashRestartIsNeverDelayed() {
        let crashed = Fixture.program(bot(.whenFlat), slot: 0, process: .exited, exitStatus: 1)
        let trading = TradingState(openTrades: 2, openTradesAt: now - 1, state: "running")
        let plan = plan([bot(.whenFlat)], [Fixture.pool(ft, [crashed])], trading: [id: trading])
        #expect(plan.lines == ["restartBot botpool-ft.alice-0 alice/a slot 0 port 9000: process EXITED: exit 1"])
        // A crashed bot's edit is not held either: there is no running process to protect.
        let edited = self.plan([bot(.whenFlat, env: "2")], [Fixture.pool(ft, [crashed])], trading: [id: trading])
        #expect(edited.lines == ["updateBot botpool-ft.alice-0 alice/a slot 0 port 9000: spec hash changed: env FOO"])
    }

    @Test func aManualBotWaitsForARollout() {
        let running = Fixture.program(bot(.manual), slot: 0, startedAt: now - 60)
        let waiting = plan([bot(.manual, env: "2")], [Fixture.pool(ft, [running])])
        #expect(waiting.actions.isEmpty)
        #expect(waiting.disruptions.map(\.condition) == [.waitingForRollout])
        #expect(waiting.disruptions.first?.reason == "update (spec hash changed: env FOO) waits for `botpool rollout alice/a`")
        let rollout = [id: OperatorRequest(kind: .rollout, at: now - 1)]
        let released = plan([bot(.manual, env: "2")], [Fixture.pool(ft, [running])], requests: rollout)
        #expect(released.lines == ["updateBot botpool-ft.alice-0 alice/a slot 0 port 9000: spec hash changed: env FOO"])
        // A rollout with nothing waiting is dropped, so it cannot let a later change through.
        let idle = plan([bot(.manual)], [Fixture.pool(ft, [running])], requests: rollout)
        #expect(idle.actions.isEmpty && idle.requests.isEmpty)
    }

    @Test func stopAndMoveWaitToo() {
        let running = Fixture.program(bot(.manual), slot: 0)
        #expect(plan([bot(.manual, state: .stopped)], [Fixture.pool(ft, [running])]).disruptions.first?.change
            == "stop (spec.state stopped)")
        // In a pool of another tenant the bot is misplaced; Manual keeps it where it is.
        let elsewhere = Fixture.pool(ft, tenant: "bob", [running])
        let plan = plan([bot(.manual)], [elsewhere])
        #expect(plan.actions.isEmpty)
        #expect(plan.disruptions.first?.change == "move (pool belongs to tenant bob)")
    }

    @Test func aTemplateChangeWaitsForThePoolsBotsAndStartsTheirDrains() {
        let running = Fixture.program(bot(.whenFlat), slot: 0)
        let drifted = Fixture.pool(ft, templateHash: "old", [running])
        let trading = TradingState(openTrades: 1, openTradesAt: now - 1, state: "running")
        let plan = plan([bot(.whenFlat)], [drifted], trading: [id: trading])
        #expect(plan.lines == ["drainBot botpool-ft.alice-0 alice/a slot 0 port 9000: no new entries before pool botpool-ft.alice-0 replaced (template changed)"])
        let flat = TradingState(openTrades: 0, openTradesAt: now + 5, state: "paused")
        let go = self.plan([bot(.whenFlat)], [drifted], trading: [id: flat], drains: plan.drains, at: now + 10)
        #expect(go.actions.map(\.kind) == [.replacePool])
    }

    @Test func aRevertedChangeResumesEntriesBotpoolStopped() {
        let running = Fixture.program(bot(.whenFlat), slot: 0)
        let paused = TradingState(openTrades: 1, openTradesAt: now - 1, state: "paused")
        let plan = plan([bot(.whenFlat)], [Fixture.pool(ft, [running])], trading: [id: paused],
                        drains: [id: DrainRecord(since: now - 60, stoppedEntries: true)])
        #expect(plan.lines == ["resumeBot botpool-ft.alice-0 alice/a slot 0 port 9000: the change it drained for is gone"])
        #expect(plan.drains.isEmpty)
        // A bot paused by someone else is left paused.
        let theirs = self.plan([bot(.whenFlat)], [Fixture.pool(ft, [running])], trading: [id: paused],
                               drains: [id: DrainRecord(since: now - 60)])
        #expect(theirs.actions.isEmpty)
    }

    @Test func aStoppedTraderIsNotToldToPause() {
        let running = Fixture.program(bot(.whenFlat), slot: 0)
        let stopped = TradingState(openTrades: 1, openTradesAt: now - 1, state: "stopped")
        let plan = plan([bot(.whenFlat, env: "2")], [Fixture.pool(ft, [running])], trading: [id: stopped])
        #expect(plan.actions.isEmpty)
        #expect(plan.disruptions.first?.reason.hasSuffix("waits for 1 open trade (the trader is stopped: they are not managed)") == true)
    }

    @Test func theDiffNamesTheWait() {
        let running = Fixture.program(bot(.whenFlat), slot: 0)
        let trading = TradingState(openTrades: 2, openTradesAt: now - 1, state: "paused")
        let text = PlanRenderer.text(plan([bot(.whenFlat, env: "2")], [Fixture.pool(ft, [running])], trading: [id: trading]))
        #expect(text.contains("No action this pass; 1 change waits for its bot:\n"), "\(text)")
        #expect(text.contains("Draining: alice/a: update (spec hash changed: env FOO) waits for 2 open trades"))
    }
}
