extension FieldReader {
    /// The text of a scalar that means a string (quoted, or plain and not null/bool/number).
    mutating func string(_ node: YAMLNode, _ path: String) -> String? {
        guard case .scalar(let scalar) = node.content, scalar.kind == .string else {
            typeMismatch(node, path, expected: "a string")
            return nil
        }
        return scalar.text
    }

    /// The raw text of any scalar, for values with their own syntax (quantities, durations).
    mutating func scalarText(_ node: YAMLNode, _ path: String, expected: String) -> String? {
        guard case .scalar(let scalar) = node.content, scalar.kind != .null else {
            typeMismatch(node, path, expected: expected)
            return nil
        }
        return scalar.text
    }

    /// A decimal integer within `range`.
    mutating func int(_ node: YAMLNode, _ path: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node.content, scalar.kind == .int else {
            typeMismatch(node, path, expected: "an integer")
            return nil
        }
        guard let value = Int(scalar.text), range.contains(value) else {
            error(node, path, "\(scalar.text) is out of range \(Self.describe(range))")
            return nil
        }
        return value
    }

    /// The integer field `name` of `fields` within the bounds its table gives; nil when absent.
    mutating func int(_ fields: Fields, _ name: String) -> Int? {
        guard let node = fields[name] else { return nil }
        guard case .integer(let range)? = fields.table[name]?.type else {
            preconditionFailure("\(fields.path(name)) is not an integer in its field table")
        }
        return int(node, fields.path(name), in: range)
    }

    /// An integer or decimal number greater than zero.
    mutating func positiveNumber(_ node: YAMLNode, _ path: String) -> Double? {
        guard case .scalar(let scalar) = node.content, scalar.kind == .int || scalar.kind == .float else {
            typeMismatch(node, path, expected: "a number")
            return nil
        }
        guard let value = Double(scalar.text), value > 0, value.isFinite else {
            error(node, path, "must be a number greater than 0, got \(scalar.text)")
            return nil
        }
        return value
    }

    /// One of an enum's raw values, named in the message when it is not.
    mutating func choice<T: RawRepresentable & CaseIterable>(
        _ node: YAMLNode, _ path: String, as type: T.Type
    ) -> T? where T.RawValue == String {
        guard let text = string(node, path) else { return nil }
        if let value = T(rawValue: text) { return value }
        let allowed = T.allCases.map(\.rawValue)
        error(node, path, "invalid value \(quoted(text)); must be one of \(allowed.joined(separator: ", "))"
            + Suggestion.didYouMean(text, among: allowed))
        return nil
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "(must be >= \(range.lowerBound))" }
        return "\(range.lowerBound)..\(range.upperBound)"
    }
}

/// A value quoted for a message, with newlines and NULs made visible. Cut after
/// `quotedLimit` characters: a diagnostic goes to logs and the status API, and must not carry
/// a megabyte scalar a manifest author wrote.
func quoted(_ text: String) -> String {
    var out = "\""
    for (index, character) in text.unicodeScalars.enumerated() {
        if index == quotedLimit { return out + "…\" (\(text.utf8.count) bytes)" }
        switch character {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\0": out += "\\0"
        case "\"": out += "\\\""
        default: out.unicodeScalars.append(character)
        }
    }
    return out + "\""
}

let quotedLimit = 100
