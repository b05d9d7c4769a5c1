import BotpoolManifest
@testable import BotpoolPlanner
import Testing

@Suite struct LifecycleTests {
    let ft = Fixture.poolClass()
    let now = Fixture.now

    private func plan(_ bot: DesiredBot, _ program: ObservedBot, restarts: [BotID: RestartHistory] = [:],
                      health: [BotID: HealthHistory] = [:], at time: Timestamp = Fixture.now) -> Plan {
        Fixture.plan([ft], [bot], [Fixture.pool(ft, [program])], restarts: restarts, health: health, at: time)
    }

    @Test func stoppedSpecStopsTheBotInsteadOfRemovingIt() {
        let bot = Fixture.bot("a", state: .stopped)
        #expect(plan(bot, Fixture.program(bot, slot: 0)).lines == ["stopBot botpool-ft.alice-0 alice/a slot 0 port 9000: spec.state stopped"])
        #expect(plan(bot, Fixture.program(bot, slot: 0, process: .stopped)).actions.isEmpty)
    }

    @Test func aStoppedProcessOfARunningBotIsStarted() {
        let bot = Fixture.bot("a")
        #expect(plan(bot, Fixture.program(bot, slot: 0, process: .stopped)).lines
            == ["startBot botpool-ft.alice-0 alice/a slot 0 port 9000: spec.state running, process STOPPED"])
    }

    @Test func aChangedSpecUpdatesTheBotNamingTheChange() {
        let old = Fixture.bot("a", env: ["FOO": "1"])
        let new = Fixture.bot("a", env: ["FOO": "2"])
        #expect(plan(new, Fixture.program(old, slot: 0)).lines
            == ["updateBot botpool-ft.alice-0 alice/a slot 0 port 9000: spec hash changed: env FOO"])
        var unknown = Fixture.program(old, slot: 0)
        unknown.fingerprint = nil
        #expect(plan(new, unknown).lines == ["updateBot botpool-ft.alice-0 alice/a slot 0 port 9000: spec hash unknown"])
    }

    @Test func aRemovedManifestRemovesTheBotKeepingDataUnlessDelete() {
        let keep = Fixture.bot("keep")
        let gone = Fixture.bot("gone")
        let wiped = Fixture.bot("wiped", deletionPolicy: .delete)
        let pool = Fixture.pool(ft, [0, 1, 2].map { Fixture.program([keep, gone, wiped][$0], slot: $0) } + [
            Fixture.program(Fixture.bot("k2"), slot: 3), Fixture.program(Fixture.bot("k3"), slot: 4),
        ])
        let plan = Fixture.plan([ft], [keep, Fixture.bot("k2"), Fixture.bot("k3")], [pool])
        #expect(plan.lines == [
            "removeBot botpool-ft.alice-0 alice/gone slot 1 port 9001: manifest removed (data kept)",
            "removeBot botpool-ft.alice-0 alice/wiped slot 2 port 9002: manifest removed (deletionPolicy Delete: data deleted)",
        ])
        #expect(plan.actions.map(\.deleteData) == [false, true])
    }

    @Test func anExitedBotRestartsAtOnceAndArmsTheBackOff() {
        let bot = Fixture.bot("a")
        let plan = plan(bot, Fixture.program(bot, slot: 0, process: .exited, exitStatus: 1))
        #expect(plan.lines == ["restartBot botpool-ft.alice-0 alice/a slot 0 port 9000: process EXITED: exit 1"])
        #expect(plan.restartHistory[bot.id] == RestartHistory(count: 1, lastRestartAt: now, backOffSeconds: 10))
    }

    @Test func restartsBackOffDoublingToFiveMinutes() {
        let bot = Fixture.bot("a")
        let crashed = Fixture.program(bot, slot: 0, process: .fatal, exitStatus: 2)
        let history = [bot.id: RestartHistory(count: 3, lastRestartAt: now - 5, backOffSeconds: 40)]
        let waiting = plan(bot, crashed, restarts: history)
        #expect(waiting.actions.isEmpty)
        #expect(waiting.backOff == [BackOffWait(bot: bot.id, nextRetryAt: now + 35, lastExitStatus: 2, reason: "process FATAL: exit 2")])
        #expect(waiting.restartHistory == history)

        let later = plan(bot, crashed, restarts: history, at: now + 35)
        #expect(later.lines == ["restartBot botpool-ft.alice-0 alice/a slot 0 port 9000: process FATAL: exit 2"])
        #expect(later.restartHistory[bot.id] == RestartHistory(count: 4, lastRestartAt: now + 35, backOffSeconds: 80))

        let capped = RestartHistory.after(RestartHistory(count: 9, lastRestartAt: 0, backOffSeconds: 160), restartAt: 1)
        #expect(capped.backOffSeconds == 300)
        #expect(RestartHistory.after(capped, restartAt: 2).backOffSeconds == 300)
    }

    @Test func tenMinutesHealthyResetsTheBackOff() {
        let bot = Fixture.bot("a")
        let history = [bot.id: RestartHistory(count: 5, lastRestartAt: now - 700, backOffSeconds: 160)]
        #expect(plan(bot, Fixture.program(bot, slot: 0, startedAt: now - 600), restarts: history).restartHistory.isEmpty)
        #expect(plan(bot, Fixture.program(bot, slot: 0, startedAt: now - 599), restarts: history).restartHistory == history)
    }

    @Test func aFailingProbeRestartsAfterTheThreshold() {
        let bot = Fixture.bot("a", health: HealthCheck(httpPath: "/ping", failureThreshold: 3, initialDelaySeconds: 30))
        let program = Fixture.program(bot, slot: 0)
        #expect(plan(bot, program, health: [bot.id: HealthHistory(consecutiveFailures: 3)]).lines
            == ["restartBot botpool-ft.alice-0 alice/a slot 0 port 9000: probe failed 3/3"])
        #expect(plan(bot, program, health: [bot.id: HealthHistory(consecutiveFailures: 2)]).actions.isEmpty)
        let young = Fixture.program(bot, slot: 0, startedAt: now - 10)
        #expect(plan(bot, young, health: [bot.id: HealthHistory(consecutiveFailures: 3)]).actions.isEmpty)
    }

    @Test func restartPolicyDecidesWhichExitsRestart() {
        let onFailure = Fixture.bot("a", restartPolicy: .onFailure)
        #expect(plan(onFailure, Fixture.program(onFailure, slot: 0, process: .exited, exitStatus: 0)).actions.isEmpty)
        #expect(plan(onFailure, Fixture.program(onFailure, slot: 0, process: .exited, exitStatus: 3)).lines.count == 1)
        let never = Fixture.bot("a", restartPolicy: .never)
        #expect(plan(never, Fixture.program(never, slot: 0, process: .exited, exitStatus: 1)).actions.isEmpty)
        #expect(plan(never, Fixture.program(never, slot: 0, process: .fatal)).actions.isEmpty)
        let always = Fixture.bot("a")
        #expect(plan(always, Fixture.program(always, slot: 0, process: .exited, exitStatus: 0)).lines
            == ["restartBot botpool-ft.alice-0 alice/a slot 0 port 9000: process EXITED: exit 0"])
    }

    @Test func transientProcessStatesAreLeftToSupervisord() {
        let bot = Fixture.bot("a")
        for state in [ProcessState.starting, .backoff, .stopping, .unknown] {
            #expect(plan(bot, Fixture.program(bot, slot: 0, process: state)).actions.isEmpty)
        }
    }
}
