/// What a manifest document declares: kind, tenant (bots only) and name, as `delete` matches them.
struct ManifestIdentity: Hashable, Comparable, Sendable, CustomStringConvertible {
    var kind: String
    var tenant: String?
    var name: String

    static func bot(_ name: String, tenant: String) -> ManifestIdentity {
        ManifestIdentity(kind: "Bot", tenant: tenant, name: name)
    }

    static func poolClass(_ name: String) -> ManifestIdentity {
        ManifestIdentity(kind: "PoolClass", tenant: nil, name: name)
    }

    /// From a parsed document: nil unless it has a string `kind` and `metadata.name`.
    init?(document: Any?) {
        guard let fields = document as? [String: Any], let kind = fields["kind"] as? String,
              let metadata = fields["metadata"] as? [String: Any], let name = metadata["name"] as? String
        else { return nil }
        self.init(kind: kind, tenant: kind == "Bot" ? (metadata["tenant"] as? String ?? "default") : nil, name: name)
    }

    init(kind: String, tenant: String?, name: String) {
        self.kind = kind
        self.tenant = tenant
        self.name = name
    }

    /// `bot alice/btc-dca`, `poolclass quickstart`, as kubectl names objects.
    var description: String {
        kind.lowercased() + " " + (tenant.map { "\($0)/" } ?? "") + name
    }

    static func < (lhs: ManifestIdentity, rhs: ManifestIdentity) -> Bool {
        (lhs.kind, lhs.tenant ?? "", lhs.name) < (rhs.kind, rhs.tenant ?? "", rhs.name)
    }
}
