import BotpoolManifest
@testable import BotpoolPlanner
import FuzzSupport

/// Builds random observed pools that respect slots, memory and tenancy, as a real host could hold.
struct PoolLayout {
    let classes: [String: PoolClassSpec]
    let desired: DesiredState
    var pools: [ObservedPool] = []
    var memory: [Int64] = []

    init(classes: [PoolClass], desired: DesiredState) {
        self.classes = Dictionary(uniqueKeysWithValues: classes.map { ($0.name, $0.spec) })
        self.desired = desired
    }

    mutating func place(_ bot: DesiredBot, using random: inout SplitMix64) {
        // A few bots sit in a pool of another class, to be moved.
        let className = random.chance(0.03) ? (classes.keys.sorted().randomElement(using: &random) ?? bot.spec.poolClass) : bot.spec.poolClass
        guard let spec = classes[className] else { return }
        let tenant = spec.tenancy == .dedicated ? bot.id.tenant : nil
        let fitting = pools.indices.filter { index in
            pools[index].poolClass == className && pools[index].tenant == tenant
                && pools[index].bots.count < spec.maxBots
                && (spec.memoryLimit.map { memory[index] + bot.memoryBytes <= $0.bytes } ?? true)
        }
        var chosen = random.chance(0.8) ? random.pick(fitting) : nil
        if chosen == nil {
            let taken = Set(pools.filter { $0.poolClass == className }.map(\.index))
            guard let index = (0..<spec.maxPools).filter({ !taken.contains($0) }).randomElement(using: &random) else { return }
            if let limit = spec.memoryLimit, bot.memoryBytes > limit.bytes { return }
            pools.append(newPool(className, spec: spec, tenant: tenant, index: index, using: &random))
            memory.append(0)
            chosen = pools.count - 1
        }
        guard let pool = chosen else { return }
        let used = Set(pools[pool].bots.map(\.slot))
        guard let slot = (0..<spec.maxBots).filter({ !used.contains($0) }).randomElement(using: &random) else { return }
        pools[pool].bots.append(program(bot, slot: slot, using: &random))
        memory[pool] += desired.bots.contains(bot) ? bot.memoryBytes : 0
    }

    private func newPool(_ className: String, spec: PoolClassSpec, tenant: String?, index: Int, using random: inout SplitMix64) -> ObservedPool {
        let target = PoolTarget(poolClass: className, tenant: tenant, index: index)
        let container: ContainerState = random.chance(0.9) ? .running : (random.chance(0.5) ? .exited : .missing)
        return ObservedPool(
            name: target.name, poolClass: className, tenant: tenant, index: index,
            basePort: spec.port(poolIndex: index, slot: 0),
            templateHash: random.chance(0.9) ? spec.templateHash : "old-template", container: container,
            createdAt: Fixture.now - 7200
        )
    }

    private func program(_ bot: DesiredBot, slot: Int, using random: inout SplitMix64) -> ObservedBot {
        let process = random.pick([ProcessState.running, .running, .running, .running, .running, .exited, .fatal, .stopped, .starting]) ?? .running
        var fingerprint: SpecFingerprint? = bot.fingerprint
        if random.chance(0.1) { fingerprint = SpecFingerprint(components: ["command": 7]) }
        if random.chance(0.05) { fingerprint = nil }
        return ObservedBot(
            id: bot.id, slot: slot, fingerprint: fingerprint, deletionPolicy: bot.spec.deletionPolicy, process: process,
            pid: process == .running ? 100 + slot : nil, exitStatus: process == .exited ? Int.random(in: 0...2, using: &random) : nil,
            startedAt: Fixture.now - Double.random(in: 0...1200, using: &random)
        )
    }

    /// The layout, plus empty pools' timers, probe failures and restart histories.
    func observed(now: Timestamp, using random: inout SplitMix64) -> ObservedState {
        var pools = self.pools
        for index in pools.indices where pools[index].bots.isEmpty {
            pools[index].emptiedSince = now - Double.random(in: 0...2000, using: &random)
        }
        var health: [BotID: HealthHistory] = [:]
        var restarts: [BotID: RestartHistory] = [:]
        for bot in desired.bots {
            if random.chance(0.1) { health[bot.id] = HealthHistory(consecutiveFailures: Int.random(in: 0...4, using: &random)) }
            if random.chance(0.1) {
                restarts[bot.id] = RestartHistory(count: Int.random(in: 1...6, using: &random),
                                                  lastRestartAt: now - Double.random(in: 0...400, using: &random),
                                                  backOffSeconds: random.pick([10, 20, 40, 160, 300]) ?? 10)
            }
        }
        return ObservedState(pools: pools.shuffled(using: &random), health: health, restarts: restarts)
    }
}
