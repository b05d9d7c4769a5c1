/// What a scalar means under the YAML 1.2 core schema. `yes`/`on` stay strings (1.1 booleans
/// surprise people: a tenant called `no` must not become `false`).
enum ScalarKind: Sendable, CustomStringConvertible {
    case null
    case bool
    case int
    case float
    case string

    var description: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .float: return "a number"
        case .string: return "a string"
        }
    }
}

extension YAMLScalar {
    var kind: ScalarKind {
        switch tag {
        case "tag:yaml.org,2002:str", "!": return .string
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool": return .bool
        case "tag:yaml.org,2002:int": return .int
        case "tag:yaml.org,2002:float": return .float
        default: break
        }
        guard isPlain else { return .string }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
        default: break
        }
        if text.wholeMatch(of: /[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+/) != nil { return .int }
        if text.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil
            || text.wholeMatch(of: /[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)/) != nil {
            return .float
        }
        return .string
    }
}
