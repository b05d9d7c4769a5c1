import BotpoolManifest
@testable import BotpoolPlanner
import Testing

/// Random worlds, planned and applied through the in-memory runtime until nothing is left to do.
@Suite struct ConvergenceProperties {
    static let seeds: [UInt64] = Array(1...120)

    @Test(arguments: seeds)
    func planningAndApplyingConverges(seed: UInt64) async {
        var world = RandomWorld(seed: seed)
        let desired = world.desired
        var runtime = InMemoryRuntime(world.observed)
        var options = PlanOptions()
        var time = Fixture.now
        let drifted = world.observed.pools.filter { $0.templateHash == "old-template" }.count
        let bound = drifted + 20
        var converged = false
        #expect(Invariants.state(runtime.state, desired) == [], "seed \(seed): initial state")
        for pass in 0..<bound {
            // CPU-bound: give the two cooperative threads back between passes, so suites that
            // time real I/O are not starved while 120 worlds are planned.
            await Task.yield()
            let before = runtime.state
            let plan = Planner.plan(desired: desired, observed: before, now: time, options: options)
            #expect(Invariants.plan(plan, before, desired, options) == [], "seed \(seed) pass \(pass)")
            if plan.refused != nil {
                options.allowMassDelete = true  // the operator confirms, as with --allow-mass-delete
                continue
            }
            if plan.actions.isEmpty {
                converged = true
                break
            }
            if pass < 3 { injectFaults(into: &runtime, frozen: desired.frozenBots, &world.random) }
            let settled = Invariants.settled(runtime.state, desired)
            let frozenBefore = frozenPrograms(runtime.state, desired)
            runtime.apply(plan, desired: desired, now: time)
            #expect(Invariants.state(runtime.state, desired) == [], "seed \(seed) pass \(pass)")
            #expect(frozenPrograms(runtime.state, desired) == frozenBefore, "seed \(seed) pass \(pass): frozen bot touched")
            let now = Invariants.locations(runtime.state)
            for (bot, place) in settled where now[bot].map({ $0 != [place] }) ?? false {
                Issue.record("seed \(seed) pass \(pass): healthy bot \(bot) moved from \(place) to \(now[bot] ?? [])")
            }
            time += 60
        }
        #expect(converged, "seed \(seed): not converged after \(bound) passes")
        let again = Planner.plan(desired: desired, observed: runtime.state, now: time, options: options)
        #expect(again.actions.isEmpty, "seed \(seed): \(again.lines.prefix(3))")
    }

    private func frozenPrograms(_ state: ObservedState, _ desired: DesiredState) -> [String] {
        state.pools.flatMap { pool in
            pool.bots.filter { desired.frozenBots.contains($0.id) }.map { "\(pool.name) \($0)" }
        }.sorted()
    }

    /// Mid-run trouble: a crash, a failing action, a container that disappears.
    private func injectFaults(into runtime: inout InMemoryRuntime, frozen bots: Set<BotID>, _ random: inout SplitMix64) {
        let frozen = Set(runtime.state.pools.filter { $0.bots.contains { bots.contains($0.id) } }.map(\.name))
        if random.chance(0.5), let bot = random.pick(runtime.state.pools.flatMap(\.bots)) {
            runtime.crash(bot.id, exitStatus: Int.random(in: 0...1, using: &random))
        }
        if random.chance(0.5), let kind = random.pick(Action.Kind.allCases) {
            runtime.actionFaults.append(ActionFault(kind: kind))
        }
        if random.chance(0.3), let pool = random.pick(runtime.state.pools.filter { !frozen.contains($0.name) }) {
            runtime.vanish(pool: pool.name)
        }
    }
}
