/// A YAML node with the position it starts at (lines and columns count from 1).
struct YAMLNode: Sendable {
    enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        /// Every pair in source order, duplicates included, so the decoder can report them.
        case mapping([YAMLPair])
        /// Kept unexpanded: the decoder rejects it where it is used, so an alias bomb costs nothing.
        case alias(anchor: String)
    }

    var content: Content
    var line: Int
    var column: Int

    /// How a type error names what it found: "a string", "an integer", "a list", ….
    var kindDescription: String {
        switch content {
        case .scalar(let scalar): return scalar.kind.description
        case .sequence: return "a list"
        case .mapping: return "a map"
        case .alias: return "an alias"
        }
    }
}

struct YAMLPair: Sendable {
    var key: YAMLNode
    var value: YAMLNode
}

struct YAMLScalar: Sendable {
    var text: String
    /// Plain (unquoted, not a block scalar): only these resolve to null, bool, int or float.
    var isPlain: Bool
    /// An explicit tag such as `tag:yaml.org,2002:str`, nil when implicit.
    var tag: String?
}
