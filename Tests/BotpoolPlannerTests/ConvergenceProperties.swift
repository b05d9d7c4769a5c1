import BotpoolManifest
@testable import BotpoolPlanner
import Dispatch
import FuzzSupport
import InMemoryWorld
import Testing

/// Random worlds, planned and applied through the in-memory runtime until nothing is left to do.
///
/// 120 worlds of CPU-bound planning would hold both threads of Swift's cooperative pool (one per
/// core) for seconds, and every suite that awaits real I/O in the same process would stall
/// behind them (a missing-socket error "took" 5 s that way). So the worlds run one at a time on
/// a thread of their own, and each returns what it found for the test to assert on.
@Suite struct ConvergenceProperties {
    static let seeds: [UInt64] = Array(1...120)
    /// Serial, so the worlds take one core at most; a queue of its own runs on a thread of its own.
    static let worlds = DispatchQueue(label: "botpool.planner-tests.worlds")

    @Test(arguments: seeds)
    func planningAndApplyingConverges(seed: UInt64) async {
        let problems = await withCheckedContinuation { continuation in
            Self.worlds.async { continuation.resume(returning: Self.converge(seed: seed)) }
        }
        #expect(problems == [], "seed \(seed)")
    }

    /// Plans, applies with injected faults, and checks the invariants after every pass;
    /// returns every violation.
    static func converge(seed: UInt64) -> [String] {
        var problems: [String] = []
        var world = RandomWorld(seed: seed)
        let desired = world.desired
        var runtime = InMemoryWorld(world.observed)
        var options = PlanOptions()
        var time = Fixture.now
        let drifted = world.observed.pools.filter { $0.templateHash == "old-template" }.count
        let bound = drifted + 20
        var converged = false
        problems += Invariants.state(runtime.state, desired).map { "initial state: \($0)" }
        for pass in 0..<bound {
            let before = runtime.state
            let plan = Planner.plan(desired: desired, observed: before, now: time, options: options)
            problems += Invariants.plan(plan, before, desired, options).map { "pass \(pass): \($0)" }
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
            problems += Invariants.state(runtime.state, desired).map { "pass \(pass): \($0)" }
            if frozenPrograms(runtime.state, desired) != frozenBefore { problems.append("pass \(pass): frozen bot touched") }
            let now = Invariants.locations(runtime.state)
            for (bot, place) in settled where now[bot].map({ $0 != [place] }) ?? false {
                problems.append("pass \(pass): healthy bot \(bot) moved from \(place) to \(now[bot] ?? [])")
            }
            time += 60
        }
        if !converged { problems.append("not converged after \(bound) passes") }
        let again = Planner.plan(desired: desired, observed: runtime.state, now: time, options: options)
        if !again.actions.isEmpty { problems.append("second pass not empty: \(again.lines.prefix(3))") }
        return problems
    }

    private static func frozenPrograms(_ state: ObservedState, _ desired: DesiredState) -> [String] {
        state.pools.flatMap { pool in
            pool.bots.filter { desired.frozenBots.contains($0.id) }.map { "\(pool.name) \($0)" }
        }.sorted()
    }

    /// Mid-run trouble: a crash, a failing action, a container that disappears.
    private static func injectFaults(into runtime: inout InMemoryWorld, frozen bots: Set<BotID>, _ random: inout SplitMix64) {
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
