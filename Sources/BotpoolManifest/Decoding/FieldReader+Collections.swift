/// A mapping's string keys in source order, each with its key and value node.
struct FieldEntry {
    var name: String
    var key: YAMLNode
    var value: YAMLNode
}

extension FieldReader {
    /// The entries of a map whose keys are strings, reporting non-string and duplicate keys
    /// (at the second occurrence). Duplicates are dropped, the first one wins.
    mutating func entries(_ node: YAMLNode, _ path: String) -> [FieldEntry]? {
        guard case .mapping(let pairs) = node.content else {
            typeMismatch(node, path, expected: "a map")
            return nil
        }
        var seen: [String: YAMLNode] = [:]
        var result: [FieldEntry] = []
        for pair in pairs {
            guard case .scalar(let scalar) = pair.key.content, scalar.kind != .null else {
                typeMismatch(pair.key, path, expected: "a string key")
                continue
            }
            let name = scalar.text
            if let first = seen[name] {
                error(pair.key, Self.join(path, name),
                      "duplicate key \(quoted(name)); first at line \(first.line), column \(first.column)")
                continue
            }
            seen[name] = pair.key
            result.append(FieldEntry(name: name, key: pair.key, value: pair.value))
        }
        return result
    }

    /// A map with the fields of `table`. Unknown fields are reported with a suggestion, missing
    /// required ones at the map.
    mutating func fields(_ node: YAMLNode, _ path: String, _ table: ObjectTable) -> Fields? {
        guard let entries = entries(node, path) else { return nil }
        let known = table.names
        var fields = Fields(node: node, path: path, table: table)
        for entry in entries {
            guard known.contains(entry.name) else {
                error(entry.key, Self.join(path, entry.name),
                      "unknown field \(quoted(entry.name))" + Suggestion.didYouMean(entry.name, among: known))
                continue
            }
            fields.entries[entry.name] = entry
        }
        for name in table.required where fields.entries[name] == nil {
            error(node, Self.join(path, name), "missing required field \(quoted(name))")
        }
        return fields
    }

    /// A list of strings; nil entries for items of the wrong type, so indexes stay true.
    mutating func stringList(_ node: YAMLNode, _ path: String) -> [(value: String?, node: YAMLNode)]? {
        guard case .sequence(let items) = node.content else {
            typeMismatch(node, path, expected: "a list of strings")
            return nil
        }
        return items.enumerated().map { index, item in
            (string(item, "\(path)[\(index)]"), item)
        }
    }
}

/// The known fields present in a map.
struct Fields {
    var node: YAMLNode
    var path: String
    var table: ObjectTable
    var entries: [String: FieldEntry] = [:]

    subscript(name: String) -> YAMLNode? { entries[name]?.value }

    func path(_ name: String) -> String { FieldReader.join(path, name) }
}
