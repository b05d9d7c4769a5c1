/// One field of a manifest object, as the loader accepts it and the JSON Schema describes it.
/// The tables (`ObjectTable.botSpec`, …) are the one list of known fields: the loader's
/// unknown-field check, its did-you-mean, its required fields and integer bounds read them, and
/// `ManifestSchema` renders them. Rules a table cannot say (DNS names, env names, ports across
/// documents) stay in the loader, which remains the authority.
public struct FieldSpec: Sendable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    /// One line, shown by editors on hover.
    public var description: String

    public init(_ name: String, _ type: FieldType, required: Bool = false, _ description: String) {
        self.name = name
        self.type = type
        self.required = required
        self.description = description
    }
}

/// What a field's value must be, in the loader's terms (YAML 1.2 core schema scalars).
public indirect enum FieldType: Sendable {
    case string
    /// One fixed string (`apiVersion`).
    case constant(String)
    /// One of these strings, from a `CaseIterable` enum of the model.
    case choice([String])
    case integer(ClosedRange<Int>)
    /// An integer or decimal number greater than zero.
    case positiveNumber
    /// `300Mi`, `2Gi` or a number of bytes, at least `minimum` bytes.
    case quantity(minimum: Int)
    /// `15m`, `1h30m`, or `0` when `minimumSeconds` is 0.
    case duration(minimumSeconds: Int)
    case stringList(minItems: Int)
    /// A map with keys of the author's choosing (env, files, labels).
    case map(FieldType)
    case object(ObjectTable)
    case null
    case anyOf([FieldType])
    /// `metadata` and `spec`: an object whose fields depend on the document's `kind`.
    case perKind

    /// The choices of a model enum, so the schema and the loader name the same values.
    public static func choice<T: CaseIterable & RawRepresentable>(of type: T.Type) -> FieldType where T.RawValue == String {
        .choice(type.allCases.map(\.rawValue))
    }
}

/// The fields of one map in a manifest.
public struct ObjectTable: Sendable {
    public var fields: [FieldSpec]
    /// Exactly one of the fields must be given (`runtime`: exec or fork).
    public var exactlyOne: Bool

    public init(_ fields: [FieldSpec], exactlyOne: Bool = false) {
        self.fields = fields
        self.exactlyOne = exactlyOne
    }

    public var names: [String] { fields.map(\.name) }
    public var required: [String] { fields.filter(\.required).map(\.name) }

    public subscript(name: String) -> FieldSpec? { fields.first { $0.name == name } }
}
