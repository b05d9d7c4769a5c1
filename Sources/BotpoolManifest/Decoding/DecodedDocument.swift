/// One document after decoding, with the positions the cross-document checks point at.
enum DecodedDocument {
    case bot(DecodedBot)
    case poolClass(DecodedPoolClass)
    /// Not even kind and name could be read: the bots it declares are unknown.
    case unattributed
}

struct DecodedBot {
    var id: BotID
    /// nil when the document itself failed validation.
    var bot: Bot?
    var nameLocation: SourceLocation
    /// Where `metadata.tenant` is; nil when the document names none.
    var tenantLocation: SourceLocation?
    /// The class it names and where, when readable.
    var poolClass: String?
    var poolClassLocation: SourceLocation?
    var memoryLocation: SourceLocation?
    /// The errors found in this document itself (why `bot` is nil).
    var errors: [Diagnostic] = []
}

struct DecodedPoolClass {
    var name: String
    /// nil when the document itself failed validation.
    var poolClass: PoolClass?
    var nameLocation: SourceLocation
    var basePortLocation: SourceLocation?
}
