import BotpoolManifest
@testable import BotpoolPlanner
import Foundation
import Testing

/// Plan time at 1k / 10k / 100k bots (10 per pool, 100 per tenant), steady state and from empty.
/// Run with bench/planner.sh (release build); skipped unless BOTPOOL_BENCH=1.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["BOTPOOL_BENCH"] == "1"))
struct PlannerBenchmark {
    @Test func planTimeGrowsLinearly() {
        var medians: [String: Double] = [:]
        for size in [1_000, 10_000, 100_000] {
            let (desired, steady) = Self.world(bots: size)
            for (label, observed) in [("steady", steady), ("empty", ObservedState())] {
                var plan = Plan()
                let milliseconds = Self.median(runs: size >= 100_000 ? 5 : 11) {
                    plan = Planner.plan(desired: desired, observed: observed, now: Fixture.now)
                }
                medians["\(label) \(size)"] = milliseconds
                print("PlannerBenchmark \(label) \(size) bots: \(String(format: "%.1f", milliseconds)) ms, \(plan.actions.count) actions")
                #expect(label == "empty" ? plan.actions.count == size + size / 10 : plan.isEmpty)
            }
        }
        for label in ["steady", "empty"] {
            let ratio = (medians["\(label) 100000"] ?? 0) / max(medians["\(label) 10000"] ?? 1, 0.001)
            print("PlannerBenchmark \(label) ratio 100k/10k: \(String(format: "%.1f", ratio))")
        }
    }

    /// The floor under the ratio: the least any planner does with the same worlds, on the same
    /// machine. It indexes the desired bots by id, finds each observed program's bot and compares
    /// fingerprints: one linear pass over the same data, with no decision in it. How its time
    /// grows from 10k to 100k is what this machine's caches and memory give any such pass.
    @Test func matchingFloorRatio() {
        var medians: [Int: Double] = [:]
        for size in [10_000, 100_000] {
            let (desired, steady) = Self.world(bots: size)
            var matched = 0
            medians[size] = Self.median(runs: size >= 100_000 ? 5 : 11) {
                matched = Self.match(desired: desired, observed: steady)
            }
            print("PlannerBenchmark floor \(size) bots: \(String(format: "%.2f", medians[size] ?? 0)) ms to match every program")
            #expect(matched == size)
        }
        let ratio = (medians[100_000] ?? 0) / max(medians[10_000] ?? 1, 0.001)
        print("PlannerBenchmark floor ratio 100k/10k: \(String(format: "%.1f", ratio))")
    }

    /// Programs whose bot is desired with the same fingerprint.
    static func match(desired: DesiredState, observed: ObservedState) -> Int {
        var index = [BotID: Int](minimumCapacity: desired.bots.count)
        for (position, bot) in desired.bots.enumerated() { index[bot.id] = position }
        var matched = 0
        for pool in observed.pools {
            for program in pool.bots {
                if let position = index[program.id], desired.bots[position].fingerprint == program.fingerprint {
                    matched += 1
                }
            }
        }
        return matched
    }

    static func world(bots: Int) -> (DesiredState, ObservedState) {
        let spec = PoolClassSpec(image: "img", maxBots: 10, basePort: 10_000, maxPools: bots / 10 + 10, publish: "")
        let tenants = max(bots / 100, 1)
        var desired: [DesiredBot] = []
        var pools: [ObservedPool] = []
        for tenant in 0..<tenants {
            for poolNumber in 0..<(bots / tenants / 10) {
                let index = pools.count
                let target = PoolTarget(poolClass: "bench", tenant: "t\(tenant)", index: index)
                var pool = ObservedPool(
                    name: target.name, poolClass: "bench", tenant: target.tenant, index: index,
                    basePort: spec.port(poolIndex: index, slot: 0), templateHash: spec.templateHash
                )
                for slot in 0..<10 {
                    let bot = DesiredBot(Bot(name: "bot-\(poolNumber)-\(slot)", tenant: "t\(tenant)",
                                             spec: BotSpec(poolClass: "bench", command: ["run", "\(slot)"])))
                    desired.append(bot)
                    pool.bots.append(ObservedBot(id: bot.id, slot: slot, fingerprint: bot.fingerprint, startedAt: Fixture.now - 60))
                }
                pools.append(pool)
            }
        }
        return (DesiredState(poolClasses: [PoolClass(name: "bench", spec: spec)], bots: desired), ObservedState(pools: pools))
    }

    static func median(runs: Int, _ body: () -> Void) -> Double {
        body()
        let clock = ContinuousClock()
        let times = (0..<runs).map { _ in
            let elapsed = clock.measure(body)
            return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        }.sorted()
        return times[times.count / 2]
    }
}
