extension FieldReader {
    /// Decodes one manifest document (a non-empty root) of any kind. Use one reader per document.
    mutating func document(_ root: YAMLNode) -> DecodedDocument {
        rejectAliases(root)
        guard let top = fields(root, "", .document) else {
            return .unattributed
        }
        if let node = top["apiVersion"] {
            if let version = string(node, "apiVersion"), version != ManifestKind.apiVersion {
                error(node, "apiVersion", "unsupported apiVersion \(quoted(version)); expected \(quoted(ManifestKind.apiVersion))")
            }
        }
        guard let kindNode = top["kind"] else { return .unattributed }
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
                + Suggestion.didYouMean(kind, among: ManifestKind.all.map(\.name)))
            return .unattributed
        }
    }

    /// The `spec` map (a missing one is reported with the top level's fields).
    mutating func spec(_ top: Fields, _ table: ObjectTable) -> Fields? {
        guard let node = top["spec"] else { return nil }
        return fields(node, "spec", table)
    }
}
