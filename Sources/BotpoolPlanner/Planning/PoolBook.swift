import BotpoolManifest

/// The planner's ledger for one pool: which slots are taken and how much memory is promised,
/// counting what the plan adds as it goes.
struct PoolBook {
    var target: PoolTarget
    /// nil when the pool's class is no longer declared.
    var spec: PoolClassSpec?
    /// The class's template hash, computed once per class and plan, not once per question.
    var templateHash: String?
    var observed: ObservedPool?
    /// Why bots must leave this pool and none may join; nil for a pool that fits its class.
    var unfitReason: String?
    var basePort: Int
    var occupied: [Bool]
    /// Occupied slots below maxBots.
    var usedSlots = 0
    var memoryUsed: Int64 = 0
    var frozenBot: BotID?
    /// Bots the plan adds.
    var placed = 0

    init(observed pool: ObservedPool, spec: PoolClassSpec?, templateHash: String?) {
        target = PoolTarget(pool)
        self.spec = spec
        self.templateHash = templateHash
        observed = pool
        basePort = pool.basePort
        let highestSlot = pool.bots.map(\.slot).max() ?? -1
        occupied = Array(repeating: false, count: max(spec?.maxBots ?? 0, highestSlot + 1))
        if let spec, (spec.tenancy == .dedicated) != (pool.tenant != nil) {
            unfitReason = "class \(pool.poolClass) tenancy is now \(spec.tenancy.rawValue)"
        } else if spec == nil {
            unfitReason = "pool class \(pool.poolClass) not declared"
        }
    }

    init(new target: PoolTarget, spec: PoolClassSpec) {
        self.target = target
        self.spec = spec
        basePort = spec.port(poolIndex: target.index, slot: 0)
        occupied = Array(repeating: false, count: spec.maxBots)
    }

    var maxBots: Int { spec?.maxBots ?? 0 }
    var isNew: Bool { observed == nil }
    var container: ContainerState { observed?.container ?? .running }
    /// A held pool is left exactly as it is: no action, no new bots, its own bots stay. A pool
    /// held while its engine starts it is not held once its class changed: the change (a fixed
    /// image) may be what it waits for, and the replacement is made from the new template.
    var hold: PoolHold? {
        guard let hold = observed?.hold else { return nil }
        return hold.reason == .poolStarting && hasDrifted ? nil : hold
    }
    /// The observed pool's programs; none for a new pool.
    var programs: [ObservedBot] { observed?.bots ?? [] }
    var isEmpty: Bool { (observed?.bots.isEmpty ?? true) && placed == 0 }
    var hasDrifted: Bool {
        guard let templateHash, let observed else { return false }
        return observed.templateHash != templateHash
    }

    /// Why a bot in `slot` of this pool may not stay there; nil when it may.
    func misplacement(of bot: DesiredBot, slot: Int) -> String? {
        if let unfitReason { return unfitReason }
        if target.poolClass != bot.spec.poolClass {
            return "pool class changed: \(target.poolClass) → \(bot.spec.poolClass)"
        }
        if let owner = target.tenant, owner != bot.id.tenant {
            return "pool belongs to tenant \(owner)"
        }
        if slot >= maxBots { return "slot \(slot) is beyond maxBots \(maxBots)" }
        return nil
    }

    func isFree(_ slot: Int) -> Bool { slot >= occupied.count || !occupied[slot] }

    /// Marks a slot taken; false when it already was (two programs claim one port).
    mutating func take(_ slot: Int, memory: Int64) -> Bool {
        guard slot >= 0, slot < occupied.count, !occupied[slot] else { return false }
        occupied[slot] = true
        memoryUsed += memory
        if slot < maxBots { usedSlots += 1 }
        return true
    }

    func fits(memory: Int64) -> Bool {
        guard usedSlots < maxBots else { return false }
        guard let limit = spec?.memoryLimit else { return true }
        return memoryUsed + memory <= limit.bytes
    }

    var firstFreeSlot: Int? { (0..<maxBots).first { !occupied[$0] } }
}
