import BotpoolManifest
@testable import BotpoolPlanner
import Testing

/// Removing the manifest of a WhenFlat or Manual bot: the removal waits like an edit, by the
/// policy the controller remembers from the manifest (`observed.policies`).
@Suite struct DisruptionRemovalTests {
    let ft = Fixture.poolClass()
    let now = Fixture.now
    private var id: BotID { BotID(tenant: "alice", name: "a") }

    private func program(_ policy: DisruptionPolicy) -> ObservedBot {
        var bot = Fixture.bot("a").bot
        bot.spec.disruption = Disruption(policy: policy, drainTimeoutSeconds: 600)
        return Fixture.program(DesiredBot(bot), slot: 0, startedAt: now - 600)
    }

    /// No manifest declares the bot any more; the controller remembers `policy` for it. (One bot
    /// of one: past the mass-delete guard, which these tests are not about.)
    private func plan(
        _ pools: [ObservedPool], policy: DisruptionPolicy?, trading: TradingState? = nil,
        drains: [BotID: DrainRecord] = [:], requests: [BotID: OperatorRequest] = [:], at time: Timestamp? = nil
    ) -> Plan {
        let policies = policy.map { [id: Disruption(policy: $0, drainTimeoutSeconds: 600)] } ?? [:]
        return Planner.plan(
            desired: DesiredState(poolClasses: [ft], bots: []),
            observed: ObservedState(pools: pools, trading: trading.map { [id: $0] } ?? [:], drains: drains,
                                    requests: requests, policies: policies),
            now: time ?? now, options: PlanOptions(allowMassDelete: true)
        )
    }

    @Test func aWhenFlatBotsRemovalDrainsItAndWaitsForItsTrades() {
        let pool = Fixture.pool(ft, [program(.whenFlat)])
        let trading = TradingState(openTrades: 2, openTradesAt: now - 1, state: "running")
        let first = plan([pool], policy: .whenFlat, trading: trading)
        #expect(first.lines == ["drainBot botpool-ft.alice-0 alice/a slot 0 port 9000: no new entries before removal (manifest removed)"])
        #expect(first.disruptions.first?.reason == "removal (manifest removed) waits for 2 open trades")
        let status = Planner.status(desired: DesiredState(poolClasses: [ft], bots: []),
                                    observed: ObservedState(pools: [pool], trading: [id: trading]), now: now, plan: first)
        #expect(status.map(\.phase) == [.terminating])
        #expect(status.first?.disruption?.condition == .draining)
        #expect(status.first?.port == 9000)

        let flat = TradingState(openTrades: 0, openTradesAt: now + 5, state: "paused")
        let go = plan([pool], policy: .whenFlat, trading: flat, drains: first.drains, at: now + 10)
        #expect(go.lines == ["removeBot botpool-ft.alice-0 alice/a slot 0 port 9000: manifest removed (data kept)"])
        #expect(go.disruptions.isEmpty && go.drains.isEmpty)
    }

    @Test func aManualBotsRemovalWaitsForARollout() {
        let pool = Fixture.pool(ft, [program(.manual)])
        let waiting = plan([pool], policy: .manual)
        #expect(waiting.actions.isEmpty)
        #expect(waiting.disruptions.first?.reason == "removal (manifest removed) waits for `botpool rollout alice/a`")
        let rollout = [id: OperatorRequest(kind: .rollout, at: now - 1)]
        let go = plan([pool], policy: .manual, drains: waiting.drains, requests: rollout, at: now + 1)
        #expect(go.actions.map(\.kind) == [.removeBot])
    }

    @Test func forceRemovesAWaitingBotWithOpenTrades() {
        let pool = Fixture.pool(ft, [program(.whenFlat)])
        let trading = TradingState(openTrades: 1, openTradesAt: now - 1, state: "paused")
        let force = [id: OperatorRequest(kind: .restart, force: true, at: now - 1)]
        let go = plan([pool], policy: .whenFlat, trading: trading, drains: [id: DrainRecord(since: now - 60)], requests: force)
        #expect(go.actions.map(\.kind) == [.removeBot])
    }

    @Test func withoutARememberedPolicyTheBotIsRemovedAtOnce() {
        // A controller restarted after the manifest went: it never read the policy.
        let pool = Fixture.pool(ft, [program(.whenFlat)])
        let trading = TradingState(openTrades: 1, openTradesAt: now - 1, state: "running")
        #expect(plan([pool], policy: nil, trading: trading).actions.map(\.kind) == [.removeBot])
        #expect(plan([pool], policy: .always, trading: trading).actions.map(\.kind) == [.removeBot])
    }

    @Test func aPoolReplacementWaitsForABotWhoseRemovalWaits() {
        let drifted = Fixture.pool(ft, templateHash: "old", [program(.whenFlat)])
        let trading = TradingState(openTrades: 1, openTradesAt: now - 1, state: "paused")
        let plan = plan([drifted], policy: .whenFlat, trading: trading, drains: [id: DrainRecord(since: now - 60)])
        #expect(!plan.actions.contains { $0.kind == .replacePool || $0.kind == .removeBot })
        #expect(plan.disruptions.map(\.bot) == [id])
    }
}
