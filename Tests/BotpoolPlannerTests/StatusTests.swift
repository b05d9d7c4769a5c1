import BotpoolManifest
@testable import BotpoolPlanner
import Testing

@Suite struct StatusTests {
    let ft = Fixture.poolClass(maxBots: 2, maxPools: 1)
    let now = Fixture.now

    @Test func everyBotGetsAPhasePoolAndPort() {
        let probed = HealthCheck(httpPath: "/ping")
        let bots = [
            Fixture.bot("crash"), Fixture.bot("frozen"), Fixture.bot("ok"),
            Fixture.bot("pending"), Fixture.bot("sick", health: probed), Fixture.bot("stopped", state: .stopped),
        ]
        let other = Fixture.poolClass("other", maxBots: 1, basePort: 9500)
        let pools = [
            Fixture.pool(ft, [Fixture.program(bots[2], slot: 0), Fixture.program(bots[0], slot: 1, process: .exited, exitStatus: 7)]),
            Fixture.pool(other, index: 0, [Fixture.program(bots[1], slot: 0)]),
        ]
        let desired = DesiredState(poolClasses: [ft, other], bots: [bots[0], bots[2], bots[3], bots[4], bots[5]], frozenBots: [bots[1].id])
        let restarts = [bots[0].id: RestartHistory(count: 2, lastRestartAt: now - 1, backOffSeconds: 20)]
        let observed = ObservedState(pools: pools, health: [bots[4].id: HealthHistory(consecutiveFailures: 3)], restarts: restarts)
        let statuses = Planner.status(desired: desired, observed: observed, now: now)
        #expect(statuses.map(\.phase) == [.crashLoopBackOff, .frozen, .running, .pending, .pending, .stopped])
        #expect(statuses[0] == BotStatus(
            bot: bots[0].id, phase: .crashLoopBackOff, reason: "process EXITED: exit 7",
            pool: "botpool-ft.alice-0", port: 9001, nextRetryAt: now + 19, lastExitStatus: 7, restarts: 2
        ))
        #expect(statuses[1].pool == "botpool-other.alice-0")
        #expect(statuses[2].port == 9000)
        #expect(statuses[3].reason == "Unschedulable: class ft: all 1 pools in use")
    }

    /// A running bot that no valid document declares while a file does not parse: it may be
    /// declared in that file, so it is shown Frozen with that file's error, not dropped.
    @Test func runningBotsOfAnUnreadableFileAreFrozenWithItsError() {
        let kept = Fixture.bot("kept"), lost = Fixture.bot("lost")
        let pools = [Fixture.pool(ft, [Fixture.program(kept, slot: 0), Fixture.program(lost, slot: 1)])]
        var desired = DesiredState(poolClasses: [ft], bots: [kept], hasUnattributedErrors: true)
        desired.unattributedErrors = ["a.yaml:3:1: error: did not find expected key", "b.yaml:9:2: error: bad"]
        desired.lastKnownFiles = [lost.id: "b.yaml"]
        let statuses = Planner.status(desired: desired, observed: ObservedState(pools: pools), now: now)
        let shown = statuses.first { $0.bot == lost.id }
        #expect(shown?.phase == .frozen)
        #expect(shown?.reason == "manifest unreadable (b.yaml:9:2: error: bad); left as it runs")
        #expect(shown?.port == 9001)
        #expect(statuses.first { $0.bot == kept.id }?.phase == .running)

        // Without memory of its file (a restarted controller), every unreadable file is named.
        desired.lastKnownFiles = [:]
        let again = Planner.status(desired: desired, observed: ObservedState(pools: pools), now: now)
        #expect(again.first { $0.bot == lost.id }?.reason
                == "manifest unreadable (a.yaml:3:1: error: did not find expected key; b.yaml:9:2: error: bad); left as it runs")
        // Once every file parses, a bot no document declares is a stray to remove, not Frozen.
        desired.hasUnattributedErrors = false
        #expect(Planner.status(desired: desired, observed: ObservedState(pools: pools), now: now).map(\.bot) == [kept.id])
    }

    @Test func probesAndPoliciesShowInThePhase() {
        let check = HealthCheck(httpPath: "/ping", failureThreshold: 3)
        let bot = Fixture.bot("a", health: check, restartPolicy: .never)
        func phase(_ program: ObservedBot, _ health: HealthHistory?, container: ContainerState = .running) -> BotPhase? {
            let observed = ObservedState(pools: [Fixture.pool(ft, container: container, [program])], health: health.map { [bot.id: $0] } ?? [:])
            return Planner.status(desired: DesiredState(poolClasses: [ft], bots: [bot]), observed: observed, now: now).first?.phase
        }
        let program = Fixture.program(bot, slot: 0)
        #expect(phase(program, nil) == .starting)
        #expect(phase(program, HealthHistory(consecutiveFailures: 1, lastSuccessAt: now)) == .running)
        #expect(phase(program, HealthHistory(consecutiveFailures: 3, lastSuccessAt: now)) == .unhealthy)
        #expect(phase(Fixture.program(bot, slot: 0, process: .exited, exitStatus: 1), nil) == .failed)
        #expect(phase(Fixture.program(bot, slot: 0, process: .exited, exitStatus: 0), nil) == .completed)
        #expect(phase(program, nil, container: .missing) == .unhealthy)
    }

    /// The planner and the status read a health check alike (`ProbeReading`): within the
    /// initial delay, failed probes neither restart the bot nor make it Unhealthy; after it,
    /// both happen together.
    @Test func theInitialDelayHoldsForTheStatusAsForTheRestart() {
        let bot = Fixture.bot("a", health: HealthCheck(httpPath: "/ping", failureThreshold: 3, initialDelaySeconds: 30))
        let failed = [bot.id: HealthHistory(consecutiveFailures: 3)]
        for (age, unhealthy) in [(10.0, false), (30.0, true)] {
            let program = Fixture.program(bot, slot: 0, startedAt: now - age)
            let observed = ObservedState(pools: [Fixture.pool(ft, [program])], health: failed)
            let desired = DesiredState(poolClasses: [ft], bots: [bot])
            let status = Planner.status(desired: desired, observed: observed, now: now).first
            let restarts = Planner.plan(desired: desired, observed: observed, now: now).actions.contains { $0.kind == .restartBot }
            #expect((status?.phase == .unhealthy) == unhealthy, "\(age) s: \(String(describing: status?.phase))")
            #expect(restarts == unhealthy, "\(age) s")
            #expect(status?.reason == (unhealthy ? "probe failed 3/3" : "waiting for the first successful probe"))
        }
    }
}
