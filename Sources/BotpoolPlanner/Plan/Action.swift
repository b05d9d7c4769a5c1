import BotpoolManifest

/// One step of a plan. Executing it needs the desired state too (a bot's spec, a class's image):
/// the action names its target, the desired state says what to put there.
public struct Action: Hashable, Sendable {
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
        /// FreqTrade `POST /stopentry`: no new entries, open trades still managed. Not disruptive.
        case drainBot
        /// FreqTrade `POST /start`: entries again, after a drain whose change went away.
        case resumeBot
    }

    /// Position in `Plan.actions`.
    public var id: Int
    public var kind: Kind
    public var pool: PoolTarget
    /// The pool itself, or one bot on one slot of it: a bot action cannot lack its bot.
    public var subject: Subject
    /// In words: "new bot", "spec hash changed: env FOO", "probe failed 3/3".
    public var reason: String
    /// Ids of actions that must succeed first.
    public var dependsOn: [Int]
    /// removeBot only: delete the bot's data dir (deletionPolicy Delete).
    public var deleteData: Bool?

    public enum Subject: Hashable, Sendable {
        case pool
        case bot(BotSlot)
    }

    /// A bot where an action puts, changes or removes it: its slot in the pool and that slot's port.
    public struct BotSlot: Hashable, Sendable {
        public var id: BotID
        public var slot: Int
        public var port: Int

        public init(id: BotID, slot: Int, port: Int) {
            self.id = id
            self.slot = slot
            self.port = port
        }
    }

    public init(
        id: Int = 0,
        kind: Kind,
        pool: PoolTarget,
        subject: Subject = .pool,
        reason: String,
        dependsOn: [Int] = [],
        deleteData: Bool? = nil
    ) {
        self.id = id
        self.kind = kind
        self.pool = pool
        self.subject = subject
        self.reason = reason
        self.dependsOn = dependsOn
        self.deleteData = deleteData
    }

    /// The bot of a bot action.
    public var target: BotSlot? {
        guard case .bot(let target) = subject else { return nil }
        return target
    }

    /// nil for pool actions.
    public var bot: BotID? { target?.id }
    public var slot: Int? { target?.slot }
    public var port: Int? { target?.port }

    /// Through the bot's own API, not its pool's supervisord.
    public var isTradingAction: Bool { kind == .drainBot || kind == .resumeBot }

    /// Whether the kind acts on a bot (and so needs a `.bot` subject).
    public var isBotAction: Bool {
        switch kind {
        case .createPool, .removePool, .replacePool: false
        case .placeBot, .updateBot, .startBot, .stopBot, .restartBot, .removeBot, .drainBot, .resumeBot: true
        }
    }
}

extension Action: Codable {
    /// The flat form of docs/plan-json.md: `bot`, `slot` and `port` are absent for pool actions.
    private enum CodingKeys: String, CodingKey {
        case id, kind, pool, bot, slot, port, reason, dependsOn, deleteData
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        kind = try container.decode(Kind.self, forKey: .kind)
        pool = try container.decode(PoolTarget.self, forKey: .pool)
        reason = try container.decode(String.self, forKey: .reason)
        dependsOn = try container.decode([Int].self, forKey: .dependsOn)
        deleteData = try container.decodeIfPresent(Bool.self, forKey: .deleteData)
        if let bot = try container.decodeIfPresent(BotID.self, forKey: .bot) {
            subject = .bot(BotSlot(id: bot, slot: try container.decode(Int.self, forKey: .slot),
                                   port: try container.decode(Int.self, forKey: .port)))
        } else {
            subject = .pool
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(pool, forKey: .pool)
        try container.encodeIfPresent(bot, forKey: .bot)
        try container.encodeIfPresent(slot, forKey: .slot)
        try container.encodeIfPresent(port, forKey: .port)
        try container.encode(reason, forKey: .reason)
        try container.encode(dependsOn, forKey: .dependsOn)
        try container.encodeIfPresent(deleteData, forKey: .deleteData)
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
