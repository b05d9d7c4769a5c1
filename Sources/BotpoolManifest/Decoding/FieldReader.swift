/// Reads typed values out of one document's nodes. Every problem becomes a `Diagnostic` with
/// the node's position and field path; the accessors return nil for a value that is unusable.
struct FieldReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    var errorCount: Int { diagnostics.count { $0.severity == .error } }

    func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }

    mutating func error(_ node: YAMLNode, _ path: String, _ message: String) {
        diagnostics.append(Diagnostic(.error, location(of: node), path: path, message))
    }

    mutating func warning(_ node: YAMLNode, _ path: String, _ message: String) {
        diagnostics.append(Diagnostic(.warning, location(of: node), path: path, message))
    }

    /// Reports a type mismatch. Aliases are reported once per document (`rejectAliases`), so
    /// an alias where a value is expected is only unusable here.
    mutating func typeMismatch(_ node: YAMLNode, _ path: String, expected: String) {
        if case .alias = node.content { return }
        error(node, path, "expected \(expected), got \(node.kindDescription)")
    }

    /// Anchors and aliases are refused: expanding them is how an alias bomb eats memory, and
    /// manifests do not need them. One diagnostic per document, at the first alias.
    mutating func rejectAliases(_ root: YAMLNode) {
        guard root.containsAlias else { return }
        let aliases = root.aliases()
        guard let (node, path) = aliases.first, case .alias(let anchor) = node.content else { return }
        let more = aliases.count > 1 ? " (\(aliases.count) aliases in this document)" : ""
        error(node, path, "YAML aliases are not supported (*\(anchor)); write the value out\(more)")
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
