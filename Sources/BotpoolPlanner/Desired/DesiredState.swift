import BotpoolManifest

/// What the manifests ask for, with each bot's fingerprint already computed by the controller
/// (fingerprints may include digests of secret files, which the planner must not read).
public struct DesiredState: Sendable {
    public var poolClasses: [String: PoolClassSpec]
    /// Sorted by id.
    public var bots: [DesiredBot]
    /// Bots whose manifest failed validation: never touched, never removed.
    public var frozenBots: Set<BotID>
    /// Some document failed so badly that its bots are unknown: no bot is removed this pass.
    public var hasUnattributedErrors: Bool
    /// Why each frozen bot is frozen (`file:line:col: error: field: message`).
    public var frozenReasons: [BotID: String] = [:]
    /// The errors that make documents unknown (`file:line:col: error: …`), one per document.
    public var unattributedErrors: [String] = []
    /// The manifest file each bot was last read from, also in earlier passes, so a bot whose
    /// file no longer parses can be named with that file's error.
    public var lastKnownFiles: [BotID: String] = [:]

    public init(
        poolClasses: [PoolClass] = [],
        bots: [DesiredBot] = [],
        frozenBots: Set<BotID> = [],
        hasUnattributedErrors: Bool = false
    ) {
        var classes: [String: PoolClassSpec] = [:]
        for poolClass in poolClasses { classes[poolClass.name] = poolClass.spec }
        self.poolClasses = classes
        self.bots = bots.sorted { $0.id < $1.id }
        self.frozenBots = frozenBots
        self.hasUnattributedErrors = hasUnattributedErrors
    }

    /// - Parameter secretDigests: per bot, the digest of each `fromFile` env value's contents
    ///   (see `SpecFingerprint.init(spec:secretDigests:)`).
    public init(
        _ manifests: ManifestSet, secretDigests: [BotID: [String: UInt64]] = [:], lastKnownFiles: [BotID: String] = [:]
    ) {
        self.init(
            poolClasses: manifests.poolClasses,
            bots: manifests.bots.map { bot in
                DesiredBot(bot, fingerprint: SpecFingerprint(spec: bot.spec, secretDigests: secretDigests[bot.id] ?? [:]))
            },
            frozenBots: manifests.frozenBots,
            hasUnattributedErrors: manifests.hasUnattributedErrors
        )
        frozenReasons = manifests.frozenReasons.mapValues(\.description)
        unattributedErrors = manifests.unattributedErrors.map(\.description)
        self.lastKnownFiles = lastKnownFiles
        for bot in manifests.bots { self.lastKnownFiles[bot.id] = bot.source.file }
        for (id, reason) in manifests.frozenReasons { self.lastKnownFiles[id] = reason.location.file }
    }
}
