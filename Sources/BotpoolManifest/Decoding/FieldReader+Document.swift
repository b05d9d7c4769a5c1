extension FieldReader {
    static let apiVersion = "botpool/v1"
    static let kinds = ["Bot", "PoolClass"]

    /// Decodes one manifest document (a non-empty root) of any kind. Use one reader per document.
    mutating func document(_ root: YAMLNode) -> DecodedDocument {
        rejectAliases(root)
        guard let top = fields(root, "", known: ["apiVersion", "kind", "metadata", "spec"]) else {
            return .unattributed
        }
        if let node = top["apiVersion"] {
            if let version = string(node, "apiVersion"), version != Self.apiVersion {
                error(node, "apiVersion", "unsupported apiVersion \(quoted(version)); expected \(quoted(Self.apiVersion))")
            }
        } else {
            missing(top, "apiVersion")
        }
        guard let kindNode = top["kind"] else {
            missing(top, "kind")
            return .unattributed
        }
        guard let kind = string(kindNode, "kind") else { return .unattributed }
        // A document with any error anywhere yields no usable value, only the name it declares.
        switch kind {
        case "Bot":
            guard var decoded = bot(top) else { return .unattributed }
            if errorCount > 0 { decoded.bot = nil }
            return .bot(decoded)
        case "PoolClass":
            guard var decoded = poolClass(top) else { return .unattributed }
            if errorCount > 0 { decoded.poolClass = nil }
            return .poolClass(decoded)
        default:
            error(kindNode, "kind", "unknown kind \(quoted(kind)); must be Bot or PoolClass"
                + Suggestion.didYouMean(kind, among: Self.kinds))
            return .unattributed
        }
    }

    /// The `spec` map, reporting it when missing.
    mutating func spec(_ top: Fields, known: [String]) -> Fields? {
        guard let node = top["spec"] else {
            missing(top, "spec")
            return nil
        }
        return fields(node, "spec", known: known)
    }
}
