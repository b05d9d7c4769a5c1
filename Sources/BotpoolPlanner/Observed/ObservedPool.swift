import BotpoolManifest

/// A pool container (or, when the container is gone, its host directory) and the programs configured in it.
public struct ObservedPool: Hashable, Sendable {
    /// `botpool-<class>-<tenant>-<index>` or `botpool-<class>-shared-<index>`.
    public var name: String
    public var poolClass: String
    /// nil for a pool of a shared class.
    public var tenant: String?
    public var index: Int
    /// Port of slot 0: the class's `basePort + index * maxBots` when the pool was created.
    public var basePort: Int
    public var templateHash: String
    public var container: ContainerState
    public var createdAt: Timestamp?
    /// When the pool last became empty; nil while it holds bots (or when unknown, read as "just now").
    public var emptiedSince: Timestamp?
    public var bots: [ObservedBot]
    /// A fork pool's zygote (its supervisord runs `zygote.botpool`); nil for an exec pool and
    /// for a pool whose supervisord was not asked.
    public var zygote: ObservedZygote?
    /// Set by the backend when the pool must be left alone (its node is down); nil for a pool
    /// the planner may act on.
    public var hold: PoolHold?

    public init(
        name: String,
        poolClass: String,
        tenant: String?,
        index: Int,
        basePort: Int,
        templateHash: String,
        container: ContainerState = .running,
        createdAt: Timestamp? = nil,
        emptiedSince: Timestamp? = nil,
        bots: [ObservedBot] = [],
        zygote: ObservedZygote? = nil,
        hold: PoolHold? = nil
    ) {
        self.name = name
        self.poolClass = poolClass
        self.tenant = tenant
        self.index = index
        self.basePort = basePort
        self.templateHash = templateHash
        self.container = container
        self.createdAt = createdAt
        self.emptiedSince = emptiedSince
        self.bots = bots
        self.zygote = zygote
        self.hold = hold
    }

    public func port(slot: Int) -> Int { basePort + slot }
}

/// Docker's view of the pool container, reduced to what the planner acts on.
public enum ContainerState: String, Hashable, Sendable, Codable {
    case running
    /// Any state but running (exited, dead, created, paused): supervisord is not reachable.
    case exited
    /// The host directory exists but no container does.
    case missing
}
