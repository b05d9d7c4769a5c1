@testable import BotpoolManifest
import Foundation

/// YAML documents as JSON values, read with the loader's own parser and typed by the same YAML
/// 1.2 core schema rules (`ScalarKind`), so the schema sees what the loader sees.
enum ManifestJSON {
    struct NotYAML: Error, CustomStringConvertible {
        var description: String
    }

    /// Every document of `text`, as JSON objects for `JSONSerialization`.
    static func documents(_ text: String) throws -> [Any] {
        let reader = YAMLReader(text: text)
        var documents: [Any] = []
        do {
            while let root = try reader.nextDocument() { documents.append(value(root)) }
        } catch {
            throw NotYAML(description: "\(error)")
        }
        return documents
    }

    static func value(_ node: YAMLNode) -> Any {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.kind {
            case .null: return NSNull()
            case .bool: return scalar.text.lowercased() == "true"
            case .int:
                if let number = Int(scalar.text) { return number }
                return scalar.text
            case .float:
                if let number = Double(scalar.text), number.isFinite { return number }
                return scalar.text
            case .string: return scalar.text
            }
        case .sequence(let items): return items.map(value)
        case .mapping(let pairs):
            // JSON has no duplicate keys: the first wins, as in the loader.
            var object: [String: Any] = [:]
            for pair in pairs {
                let key = pair.key.scalarText ?? "\(pair.key.content)"
                if object[key] == nil { object[key] = value(pair.value) }
            }
            return object
        case .alias(let anchor): return "*\(anchor)"
        }
    }
}
