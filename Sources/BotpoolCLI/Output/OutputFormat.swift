import ArgumentParser
import Foundation
import Yams

/// `-o table|wide|json|yaml` of `get`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    /// The table with more columns (`get bots`: the manifest's path and commit); where there
    /// are none to add, the table.
    case wide
    case json
    case yaml

    static func encodeJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static func encodeYAML(_ value: some Encodable) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        let text = try encoder.encode(value)
        return text.hasSuffix("\n") ? text : text + "\n"
    }
}
