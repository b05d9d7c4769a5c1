/// Everything the manifests directory declares, as the loader understood it.
public struct ManifestSet: Sendable {
    public var poolClasses: [PoolClass]
    /// Valid bots only, sorted by id.
    public var bots: [Bot]
    public var diagnostics: [Diagnostic]
    /// Bots declared in documents that failed validation. They must be left exactly as they run:
    /// no action may touch them, in particular they are never removed.
    public var frozenBots: Set<BotID>
    /// True when some document failed so badly (YAML syntax, no readable name) that the bots it
    /// declares are unknown. Then no bot may be removed in this pass.
    public var hasUnattributedErrors: Bool
    /// The files read, in the order they were read.
    public var sourceFiles: [String] = []
    /// Documents of each kind, valid or not.
    public var declaredPoolClasses = 0
    public var declaredBots = 0

    public init(
        poolClasses: [PoolClass] = [],
        bots: [Bot] = [],
        diagnostics: [Diagnostic] = [],
        frozenBots: Set<BotID> = [],
        hasUnattributedErrors: Bool = false
    ) {
        self.poolClasses = poolClasses
        self.bots = bots
        self.diagnostics = diagnostics
        self.frozenBots = frozenBots
        self.hasUnattributedErrors = hasUnattributedErrors
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var isValid: Bool { errors.isEmpty }
}
