import BotpoolManifest
@testable import BotpoolPlanner

/// Small builders so each scenario reads as its rule.
enum Fixture {
    static let now: Timestamp = 1_700_000_000

    static func poolClass(
        _ name: String = "ft",
        maxBots: Int = 10,
        memoryLimit: ByteCount? = nil,
        basePort: Int = 9000,
        maxPools: Int = 20,
        tenancy: Tenancy = .dedicated,
        warmPools: Int = 0,
        ttl: Int = 900,
        image: String = "img:1"
    ) -> PoolClass {
        PoolClass(name: name, spec: PoolClassSpec(
            image: image, maxBots: maxBots, memoryLimit: memoryLimit, basePort: basePort, maxPools: maxPools,
            tenancy: tenancy, warmPools: warmPools, emptyPoolTTLSeconds: ttl
        ))
    }

    static func bot(
        _ name: String,
        tenant: String = "alice",
        poolClass: String = "ft",
        state: BotState = .running,
        memory: ByteCount? = nil,
        health: HealthCheck? = nil,
        restartPolicy: RestartPolicy = .always,
        deletionPolicy: DeletionPolicy = .retain,
        env: [String: String] = [:]
    ) -> DesiredBot {
        DesiredBot(Bot(name: name, tenant: tenant, spec: BotSpec(
            poolClass: poolClass, state: state, command: ["run", name],
            env: env.sorted { $0.key < $1.key }.map { EnvVar(name: $0.key, value: .literal($0.value)) },
            memory: memory, health: health, restartPolicy: restartPolicy, deletionPolicy: deletionPolicy
        )))
    }

    /// A program running `bot`'s current spec.
    static func program(
        _ bot: DesiredBot,
        slot: Int,
        process: ProcessState = .running,
        exitStatus: Int? = nil,
        startedAt: Timestamp = now - 60
    ) -> ObservedBot {
        ObservedBot(
            id: bot.id, slot: slot, fingerprint: bot.fingerprint, deletionPolicy: bot.spec.deletionPolicy,
            process: process, pid: process == .running ? 10 + slot : nil, exitStatus: exitStatus, startedAt: startedAt
        )
    }

    static func pool(
        _ poolClass: PoolClass,
        tenant: String? = "alice",
        index: Int = 0,
        container: ContainerState = .running,
        templateHash: String? = nil,
        emptiedSince: Timestamp? = nil,
        _ bots: [ObservedBot] = []
    ) -> ObservedPool {
        let target = PoolTarget(poolClass: poolClass.name, tenant: tenant, index: index)
        return ObservedPool(
            name: target.name, poolClass: poolClass.name, tenant: tenant, index: index,
            basePort: poolClass.spec.port(poolIndex: index, slot: 0),
            templateHash: templateHash ?? poolClass.spec.templateHash, container: container,
            createdAt: now - 3600, emptiedSince: bots.isEmpty ? emptiedSince : nil, bots: bots
        )
    }

    static func plan(
        _ classes: [PoolClass],
        _ bots: [DesiredBot],
        _ pools: [ObservedPool] = [],
        frozen: Set<BotID> = [],
        unattributed: Bool = false,
        restarts: [BotID: RestartHistory] = [:],
        health: [BotID: HealthHistory] = [:],
        malformed: [MalformedContainer] = [],
        allowMassDelete: Bool = false,
        at time: Timestamp = now
    ) -> Plan {
        Planner.plan(
            desired: DesiredState(poolClasses: classes, bots: bots, frozenBots: frozen, hasUnattributedErrors: unattributed),
            observed: ObservedState(pools: pools, malformedContainers: malformed, health: health, restarts: restarts),
            now: time,
            options: PlanOptions(allowMassDelete: allowMassDelete)
        )
    }
}

extension Action {
    /// `placeBot botpool-ft.alice-0 alice/a slot 0 port 9000 after [0]: new bot`
    var line: String {
        var text = "\(kind.rawValue) \(pool.name)"
        if let bot { text += " \(bot)" }
        if let slot { text += " slot \(slot)" }
        if let port { text += " port \(port)" }
        if !dependsOn.isEmpty { text += " after \(dependsOn)" }
        return text + ": " + reason
    }
}

extension Plan {
    var lines: [String] { actions.map(\.line) }
}
