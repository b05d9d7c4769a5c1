extension DockerEngine {
    /// Any JSON value, kept as read: a service's spec is read, one field changed, and sent back
    /// whole, including the fields this client does not model. Integers stay integers.
    public enum JSONValue: Sendable, Equatable, Codable {
        case null
        case bool(Bool)
        case integer(Int64)
        case number(Double)
        case string(String)
        case array([JSONValue])
        case object([String: JSONValue])

        public init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let value = try? single.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? single.decode(Int64.self) {
                self = .integer(value)
            } else if let value = try? single.decode(Double.self) {
                self = .number(value)
            } else if let value = try? single.decode(String.self) {
                self = .string(value)
            } else if let value = try? single.decode([JSONValue].self) {
                self = .array(value)
            } else {
                self = .object(try single.decode([String: JSONValue].self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var single = encoder.singleValueContainer()
            switch self {
            case .null: try single.encodeNil()
            case .bool(let value): try single.encode(value)
            case .integer(let value): try single.encode(value)
            case .number(let value): try single.encode(value)
            case .string(let value): try single.encode(value)
            case .array(let value): try single.encode(value)
            case .object(let value): try single.encode(value)
            }
        }

        public subscript(key: String) -> JSONValue? {
            get {
                guard case .object(let fields) = self else { return nil }
                return fields[key]
            }
            set {
                guard case .object(var fields) = self else { return }
                fields[key] = newValue
                self = .object(fields)
            }
        }
    }
}
