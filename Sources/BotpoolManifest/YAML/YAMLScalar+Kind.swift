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
        // Numbers start with a digit, a sign or a dot; most scalars (names, commands) do not.
        guard let first = text.utf8.first,
              (0x30...0x39).contains(first) || first == 0x2B || first == 0x2D || first == 0x2E else { return .string }
        let bytes = Array(text.utf8)
        if ScalarSyntax.isInt(bytes) { return .int }
        if ScalarSyntax.isFloat(bytes) { return .float }
        return .string
    }
}

/// The core schema's int and float forms, scanned by hand: a regex literal here was compiled
/// on every call and made loading 100 small manifests take ~0.4 s of CPU. Same languages as
///   int:   [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+
///   float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
/// (whole text, ASCII only).
enum ScalarSyntax {
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isOctal(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x37 }
    private static func isHex(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
    }

    /// Index past a run of bytes satisfying `accept`, starting at `i`.
    private static func skip(_ b: [UInt8], from i: Int, while accept: (UInt8) -> Bool) -> Int {
        var j = i
        while j < b.count, accept(b[j]) { j += 1 }
        return j
    }

    static func isInt(_ b: [UInt8]) -> Bool {
        if b.count > 2, b[0] == 0x30, b[1] == 0x6F { return skip(b, from: 2, while: isOctal) == b.count }  // 0o
        if b.count > 2, b[0] == 0x30, b[1] == 0x78 { return skip(b, from: 2, while: isHex) == b.count }    // 0x
        var i = 0
        if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
        let end = skip(b, from: i, while: isDigit)
        return end > i && end == b.count
    }

    private static let infinities: Set<String> = [".inf", ".Inf", ".INF"]
    private static let nans: Set<String> = [".nan", ".NaN", ".NAN"]

    static func isFloat(_ b: [UInt8]) -> Bool {
        let words = infinities
        var i = 0
        if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
        if i == 0, b.count == 4, nans.contains(String(decoding: b, as: UTF8.self)) { return true }
        if b.count - i == 4, words.contains(String(decoding: b[i...], as: UTF8.self)) { return true }
        // mantissa: \.[0-9]+ | [0-9]+(\.[0-9]*)?
        if i < b.count, b[i] == 0x2E {
            let end = skip(b, from: i + 1, while: isDigit)
            guard end > i + 1 else { return false }
            i = end
        } else {
            let end = skip(b, from: i, while: isDigit)
            guard end > i else { return false }
            i = end
            if i < b.count, b[i] == 0x2E { i = skip(b, from: i + 1, while: isDigit) }
        }
        // exponent: ([eE][-+]?[0-9]+)?
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            let end = skip(b, from: i, while: isDigit)
            guard end > i else { return false }
            i = end
        }
        return i == b.count
    }
}
