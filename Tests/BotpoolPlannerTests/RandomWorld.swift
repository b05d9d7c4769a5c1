import BotpoolManifest
@testable import BotpoolPlanner
import FuzzSupport

/// A random desired state and a random but physically possible observed state for it:
/// placements within capacity, crashes, dead and drifted pools, strays, frozen and misplaced bots.
struct RandomWorld {
    var desired: DesiredState
    var observed: ObservedState
    var random: SplitMix64

    init(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let classes = (0..<Int.random(in: 1...5, using: &random)).map { Self.randomClass($0, using: &random) }
        let tenants = (0..<Int.random(in: 1...20, using: &random)).map { "t\($0)" }
        var bots = (0..<Int.random(in: 0...500, using: &random)).map { number in
            Self.randomBot(number, tenants: tenants, classes: classes, using: &random)
        }
        let frozen = Set(bots.filter { _ in random.chance(0.03) }.map(\.id))
        let placed = bots.filter { frozen.contains($0.id) || random.chance(0.6) }
        bots.removeAll { frozen.contains($0.id) }
        desired = DesiredState(poolClasses: classes, bots: bots, frozenBots: frozen, hasUnattributedErrors: random.chance(0.1))
        var strays = (0..<Int.random(in: 0...20, using: &random)).map { number in
            Self.randomBot(1000 + number, tenants: tenants, classes: classes, using: &random)
        }
        strays = strays.map { stray in DesiredBot(stray.bot, fingerprint: SpecFingerprint(components: ["command": 1])) }
        var layout = PoolLayout(classes: classes, desired: desired)
        for bot in (placed + strays).shuffled(using: &random) { layout.place(bot, using: &random) }
        observed = layout.observed(now: Fixture.now, using: &random)
        if random.chance(0.1) {
            // Most manifests vanished (an unmounted directory): the guard must hold.
            desired.bots = Array(desired.bots.prefix(desired.bots.count / 5))
        }
        self.random = random
    }

    private static func randomClass(_ number: Int, using random: inout SplitMix64) -> PoolClass {
        let maxBots = Int.random(in: 1...10, using: &random)
        return PoolClass(name: "c\(number)", spec: PoolClassSpec(
            image: "img:1", maxBots: maxBots,
            memoryLimit: random.chance(0.5) ? nil : .gibibytes(Int64.random(in: 1...4, using: &random)),
            basePort: 10000 + number * 1000, maxPools: Int.random(in: 5...(1000 / maxBots), using: &random),
            tenancy: random.chance(0.7) ? .dedicated : .shared, warmPools: Int.random(in: 0...2, using: &random),
            emptyPoolTTLSeconds: random.pick([0, 60, 900]) ?? 0
        ))
    }

    private static func randomBot(_ number: Int, tenants: [String], classes: [PoolClass], using random: inout SplitMix64) -> DesiredBot {
        let health = random.chance(0.3)
            ? HealthCheck(httpPath: "/", failureThreshold: Int.random(in: 1...3, using: &random)) : nil
        return DesiredBot(Bot(name: "b\(number)", tenant: random.pick(tenants) ?? "t0", spec: BotSpec(
            poolClass: random.pick(classes)?.name ?? "c0",
            state: random.chance(0.9) ? .running : .stopped,
            command: ["bot", "\(number)"],
            memory: random.chance(0.5) ? nil : .mebibytes(Int64.random(in: 64...512, using: &random)),
            health: health,
            restartPolicy: random.pick(RestartPolicy.allCases) ?? .always,
            deletionPolicy: random.pick(DeletionPolicy.allCases) ?? .retain
        )))
    }
}
