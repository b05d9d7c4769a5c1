import BotpoolManifest

/// The field tables of one kind as paths (`spec.env.*.fromFile`; `*` is a map's value).
struct TableWalk {
    struct Field {
        var path: [String]
        var spec: FieldSpec
        /// Its map allows one field only (`runtime`): the others go when it is set.
        var exclusive: Bool
    }

    struct Object {
        var path: [String]
        var table: ObjectTable
        /// The field holding it is one of a map that allows one field only.
        var exclusive = false
    }

    private(set) var fields: [Field] = []
    private(set) var objects: [Object] = []

    init(_ kind: ManifestKind) {
        walk(.document, [])
        walk(kind.metadata, ["metadata"])
        walk(kind.spec, ["spec"])
    }

    var paths: Set<String> { Set(fields.map { $0.path.joined(separator: ".") }) }

    private mutating func walk(_ table: ObjectTable, _ prefix: [String], exclusive: Bool = false) {
        objects.append(Object(path: prefix, table: table, exclusive: exclusive))
        for field in table.fields {
            let path = prefix + [field.name]
            fields.append(Field(path: path, spec: field, exclusive: table.exactlyOne))
            for (nested, steps) in Self.objects(in: field.type) { walk(nested, path + steps, exclusive: table.exactlyOne) }
        }
    }

    /// The object tables a type holds, with the steps to each.
    private static func objects(in type: FieldType) -> [(ObjectTable, [String])] {
        switch type {
        case .object(let table): return [(table, [])]
        case .map(let value): return objects(in: value).map { ($0.0, ["*"] + $0.1) }
        case .anyOf(let types): return types.flatMap(objects(in:))
        default: return []
        }
    }
}

/// The property paths a rendered schema allows for one kind, in the same notation.
enum SchemaWalk {
    static func paths(_ schema: [String: Any], kind: String) -> Set<String> {
        var found = paths(in: schema, [])
        for branch in schema["allOf"] as? [[String: Any]] ?? [] {
            let condition = branch["if"] as? [String: Any]
            let kindCondition = (condition?["properties"] as? [String: Any])?["kind"] as? [String: Any]
            guard kindCondition?["const"] as? String == kind, let then = branch["then"] as? [String: Any] else { continue }
            found.formUnion(paths(in: then, []))
        }
        return found
    }

    private static func paths(in schema: [String: Any], _ prefix: [String]) -> Set<String> {
        var found: Set<String> = []
        for (name, value) in schema["properties"] as? [String: Any] ?? [:] {
            found.insert((prefix + [name]).joined(separator: "."))
            found.formUnion(paths(in: value as? [String: Any] ?? [:], prefix + [name]))
        }
        if let values = schema["additionalProperties"] as? [String: Any] { found.formUnion(paths(in: values, prefix + ["*"])) }
        for option in schema["anyOf"] as? [[String: Any]] ?? [] { found.formUnion(paths(in: option, prefix)) }
        return found
    }
}
