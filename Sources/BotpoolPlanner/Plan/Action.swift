import BotpoolManifest

/// One step of a plan. Executing it needs the desired state too (a bot's spec, a class's image):
/// the action names its target, the desired state says what to put there.
public struct Action: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Create the pool container and its host directory.
        case createPool
        /// Remove the (empty) pool container and its host directory.
        case removePool
        /// Remove the container and create it again from the current template with the same
        /// name and host directory; supervisord reads its programs back from `conf.d`, so every
        /// bot comes back on its slot.
        case replacePool
        /// Write the bot's files and program config, add its group, start it.
        case placeBot
        /// Stop the program, rewrite files and config, start it again if spec.state is running.
        case updateBot
        case startBot
        case stopBot
        case restartBot
        /// Stop the program and remove its group and config; delete the data dir when `deleteData`.
        case removeBot
    }

    /// Position in `Plan.actions`.
    public var id: Int
    public var kind: Kind
    public var pool: PoolTarget
    /// nil for pool actions.
    public var bot: BotID?
    public var slot: Int?
    public var port: Int?
    /// In words: "new bot", "spec hash changed: env FOO", "probe failed 3/3".
    public var reason: String
    /// Ids of actions that must succeed first.
    public var dependsOn: [Int]
    /// removeBot only: delete the bot's data dir (deletionPolicy Delete).
    public var deleteData: Bool?

    public init(
        id: Int = 0,
        kind: Kind,
        pool: PoolTarget,
        bot: BotID? = nil,
        slot: Int? = nil,
        port: Int? = nil,
        reason: String,
        dependsOn: [Int] = [],
        deleteData: Bool? = nil
    ) {
        self.id = id
        self.kind = kind
        self.pool = pool
        self.bot = bot
        self.slot = slot
        self.port = port
        self.reason = reason
        self.dependsOn = dependsOn
        self.deleteData = deleteData
    }
}

/// The pool an action is about, with what it takes to create it.
public struct PoolTarget: Hashable, Sendable, Codable {
    public var name: String
    public var poolClass: String
    /// nil for a pool of a shared class.
    public var tenant: String?
    public var index: Int

    private enum CodingKeys: String, CodingKey {
        case name
        case poolClass = "class"
        case tenant
        case index
    }

    public init(name: String, poolClass: String, tenant: String?, index: Int) {
        self.name = name
        self.poolClass = poolClass
        self.tenant = tenant
        self.index = index
    }

    /// The deterministic container name, `botpool-<class>.<tenant>-<index>`, or
    /// `botpool-<class>-<index>` for a shared pool. Injective: class and tenant are DNS labels,
    /// which hold no `.`, so the `.` (present exactly when the pool is a tenant's) splits them,
    /// and the index is the digits after the last `-`. (Joined by `-` only, class `sec` with
    /// tenant `x-eve` and class `sec-x` with tenant `eve` were one container.) Pools made under
    /// the old names keep them: observed pools are known by their labels, not their names.
    public init(poolClass: String, tenant: String?, index: Int) {
        self.init(
            name: tenant.map { "botpool-\(poolClass).\($0)-\(index)" } ?? "botpool-\(poolClass)-\(index)",
            poolClass: poolClass,
            tenant: tenant,
            index: index
        )
    }

    public init(_ pool: ObservedPool) {
        self.init(name: pool.name, poolClass: pool.poolClass, tenant: pool.tenant, index: pool.index)
    }
}
