import BotpoolManifest

/// What a plan was made from, one readable line per thing that can change it: each pool class,
/// desired bot, frozen bot, pool container, occupied slot and FreqTrade answer. A saved plan
/// (`botpool diff --out`) carries these; `botpool apply-plan` reads the world again and runs the
/// plan only when they are all equal, else it names the lines that moved.
///
/// Values never hold a secret: a bot's env and files appear only through digests.
public struct PlanInputs: Hashable, Sendable, Codable {
    public var entries: [String: String]

    public init(entries: [String: String]) {
        self.entries = entries
    }

    public init(desired: DesiredState, observed: ObservedState) {
        var entries: [String: String] = [:]
        for (name, spec) in desired.poolClasses {
            entries["class \(name)"] = Self.describe(spec)
        }
        for bot in desired.bots {
            entries["bot \(bot.id)"] = Self.describe(bot)
        }
        for id in desired.frozenBots {
            entries["frozen \(id)"] = desired.frozenReasons[id] ?? "frozen"
        }
        for (index, error) in desired.unattributedErrors.enumerated() {
            entries["manifest error \(index + 1)"] = error
        }
        for pool in observed.pools {
            entries["pool \(pool.name)"] = Self.describe(pool)
            for bot in pool.bots {
                entries["slot \(pool.name)#\(bot.slot)"] = Self.describe(bot)
            }
        }
        for container in observed.malformedContainers {
            entries["malformed \(container.id)"] = "\(container.name): \(container.problem)"
        }
        for (id, trading) in observed.trading {
            entries["trading \(id)"] = Self.describe(trading)
        }
        for (id, request) in observed.requests {
            entries["request \(id)"] = "\(request)"
        }
        self.entries = entries
    }

    /// One line per difference, sorted: `+ key: value` appeared, `- key: value` went,
    /// `~ key: old → new` changed.
    public func changes(from saved: PlanInputs) -> [String] {
        Set(entries.keys).union(saved.entries.keys).sorted().compactMap { key in
            switch (saved.entries[key], entries[key]) {
            case (nil, let now?): "+ \(key): \(now)"
            case (let then?, nil): "- \(key): \(then)"
            case (let then?, let now?) where then != now: "~ \(key): \(then) → \(now)"
            default: nil
            }
        }
    }

    static func describe(_ spec: PoolClassSpec) -> String {
        "template=\(spec.templateHash) maxPools=\(spec.maxPools) warmPools=\(spec.warmPools) "
            + "emptyPoolTTL=\(spec.emptyPoolTTLSeconds)s placement=\(spec.nodePlacement)"
    }

    /// The spec's fingerprint (command, env, files, secrets' digests) plus a digest of the rest
    /// of the spec and the labels, which the plan also reads (class, state, memory, policies).
    static func describe(_ bot: DesiredBot) -> String {
        let labels = bot.bot.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        var rest = bot.spec
        rest.env = []
        rest.files = []
        rest.command = []
        let digest = StableHash.hex(StableHash.of(String(describing: rest), labels))
        return "class=\(bot.spec.poolClass) state=\(bot.spec.state.rawValue) spec=\(bot.fingerprint.hash) rest=\(digest)"
    }

    static func describe(_ pool: ObservedPool) -> String {
        var line = "\(pool.container.rawValue) class=\(pool.poolClass) template=\(pool.templateHash) index=\(pool.index)"
        if let tenant = pool.tenant { line += " tenant=\(tenant)" }
        if let hold = pool.hold { line += " hold=\(hold.reason)" }
        if let zygote = pool.zygote { line += " zygote=\(zygote.process.rawValue)" }
        return line
    }

    static func describe(_ bot: ObservedBot) -> String {
        var line = "\(bot.id) \(bot.process.rawValue) spec=\(bot.fingerprint?.hash ?? "-")"
        if let pid = bot.pid { line += " pid=\(pid)" }
        if let status = bot.exitStatus { line += " exit=\(status)" }
        return line
    }

    static func describe(_ trading: TradingState) -> String {
        "state=\(trading.state ?? "-") openTrades=\(trading.openTrades.map(String.init) ?? "-")"
    }
}
