/// Everything the manifests directory declares, as the loader understood it.
public struct ManifestSet: Sendable {
    public var poolClasses: [PoolClass]
    /// Valid bots only, sorted by id.
    public var bots: [Bot]
    public var diagnostics: [Diagnostic]
    /// Bots declared in documents that failed validation. They must be left exactly as they run:
    /// no action may touch them, in particular they are never removed.
    public var frozenBots: Set<BotID>
    /// Why each frozen bot is frozen: the first error of its document (or the cross-document
    /// conflict), with file, line and column.
    public var frozenReasons: [BotID: Diagnostic] = [:]
    /// The errors that make some documents' bots unknown (YAML syntax, no readable name, an
    /// unreadable file): while there are any, no bot may be removed.
    public var unattributedErrors: [Diagnostic] = []
    public var hasUnattributedErrors: Bool { !unattributedErrors.isEmpty }
    /// The files read, in the order they were read.
    public var sourceFiles: [String] = []
    /// Documents of each kind, valid or not.
    public var declaredPoolClasses = 0
    public var declaredBots = 0
    /// The Git checkout and commit the files were read at; nil outside a checkout (or when the
    /// set was not loaded from a directory).
    public var provenance: ManifestProvenance?

    public init(
        poolClasses: [PoolClass] = [],
        bots: [Bot] = [],
        diagnostics: [Diagnostic] = [],
        frozenBots: Set<BotID> = [],
        unattributedErrors: [Diagnostic] = []
    ) {
        self.poolClasses = poolClasses
        self.bots = bots
        self.diagnostics = diagnostics
        self.frozenBots = frozenBots
        self.unattributedErrors = unattributedErrors
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var isValid: Bool { errors.isEmpty }
}
