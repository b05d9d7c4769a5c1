/// A `kind` of document: what its `metadata` and `spec` hold.
public struct ManifestKind: Sendable {
    public var name: String
    public var description: String
    public var metadata: ObjectTable
    public var spec: ObjectTable

    public static let apiVersion = "botpool/v1"
    public static let all: [ManifestKind] = [.bot, .poolClass]

    public static let bot = ManifestKind(
        name: "Bot", description: "A trading bot: its command, files and environment, run in a pool of its class.",
        metadata: .botMetadata, spec: .botSpec
    )
    public static let poolClass = ManifestKind(
        name: "PoolClass", description: "The template of a pool: image, slots, memory, ports, tenancy, runtime.",
        metadata: .poolClassMetadata, spec: .poolClassSpec
    )
}

extension ObjectTable {
    /// Every document's top level.
    public static let document = ObjectTable([
        FieldSpec("apiVersion", .constant(ManifestKind.apiVersion), required: true, "The manifest format version."),
        FieldSpec("kind", .choice(ManifestKind.all.map(\.name)), required: true, "What the document declares."),
        FieldSpec("metadata", .perKind, required: true, "The name (and for a Bot its tenant and labels)."),
        FieldSpec("spec", .perKind, required: true, "What is wanted; its fields depend on kind."),
    ])

    static let metadataName = FieldSpec("name", .string, required: true, "A DNS-1123 label, unique per kind (per tenant for a Bot).")
    static let metadataLabels = FieldSpec("labels", .map(.string), "Kubernetes-style labels, shown by get and describe.")

    public static let botMetadata = ObjectTable([
        metadataName,
        FieldSpec("tenant", .string, "The bot's owner, a DNS-1123 label; default \"default\"."),
        metadataLabels,
    ])

    public static let poolClassMetadata = ObjectTable([metadataName, metadataLabels])
}
