extension YAMLNode {
    /// Whether any alias is below (a walk without building paths: most documents have none).
    var containsAlias: Bool {
        switch content {
        case .scalar: false
        case .alias: true
        case .sequence(let items): items.contains { $0.containsAlias }
        case .mapping(let pairs): pairs.contains { $0.key.containsAlias || $0.value.containsAlias }
        }
    }

    /// The first alias in document order with its field path, and how many there are. Aliases
    /// are never expanded, so this visits each written node once: a "billion laughs" document
    /// costs what its text costs.
    func aliases(path: String = "") -> (first: (node: YAMLNode, path: String)?, count: Int) {
        switch content {
        case .scalar:
            return (nil, 0)
        case .alias:
            return ((self, path), 1)
        case .sequence(let items):
            return Self.combine(items.enumerated().map { index, item in item.aliases(path: "\(path)[\(index)]") })
        case .mapping(let pairs):
            return Self.combine(pairs.map { pair in
                let keyPath = FieldReader.join(path, pair.key.scalarText ?? "?")
                return Self.combine([pair.key.aliases(path: keyPath), pair.value.aliases(path: keyPath)])
            })
        }
    }

    private static func combine(
        _ parts: [(first: (node: YAMLNode, path: String)?, count: Int)]
    ) -> (first: (node: YAMLNode, path: String)?, count: Int) {
        (parts.lazy.compactMap(\.first).first, parts.reduce(0) { $0 + $1.count })
    }
}
