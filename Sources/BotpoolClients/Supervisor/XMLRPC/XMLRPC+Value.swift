import Foundation

extension XMLRPC {
    /// Every value type of the spec, plus `nil` (an extension Python can send).
    public enum Value: Sendable, Equatable {
        case int(Int)
        case bool(Bool)
        case string(String)
        case double(Double)
        case dateTime(String)
        case base64(Data)
        case array([Value])
        case structure([String: Value])
        case `nil`

        public var int: Int? {
            if case .int(let value) = self { return value }
            return nil
        }

        public var bool: Bool? {
            switch self {
            case .bool(let value): value
            case .int(let value): value != 0
            default: nil
            }
        }

        public var string: String? {
            if case .string(let value) = self { return value }
            return nil
        }

        public var array: [Value]? {
            if case .array(let value) = self { return value }
            return nil
        }

        public var structure: [String: Value]? {
            if case .structure(let value) = self { return value }
            return nil
        }
    }

    /// A `<fault>` response: supervisord's `faultCode` and `faultString`.
    public struct Fault: Sendable, Equatable, Swift.Error {
        public var code: Int
        public var string: String

        public init(code: Int, string: String) {
            self.code = code
            self.string = string
        }
    }
}
