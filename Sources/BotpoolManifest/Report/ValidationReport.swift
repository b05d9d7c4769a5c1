import Foundation

/// What `botpool validate` reports, separate from how it is printed.
public struct ValidationReport: Codable, Equatable, Sendable {
    public struct Entry: Codable, Equatable, Sendable {
        public var severity: String
        public var file: String
        public var line: Int
        public var column: Int
        public var path: String
        public var message: String
    }

    public var valid: Bool
    public var files: Int
    public var poolClasses: Int
    public var bots: Int
    public var diagnostics: [Entry]

    /// `botpool validate`'s exit status: 0 valid, 1 invalid (2, an I/O error, never gets here).
    public var exitCode: Int32 { valid ? 0 : 1 }

    public init(_ set: ManifestSet) {
        valid = set.isValid
        files = set.sourceFiles.count
        poolClasses = set.declaredPoolClasses
        bots = set.declaredBots
        diagnostics = set.diagnostics.map { diagnostic in
            Entry(severity: diagnostic.severity.rawValue, file: diagnostic.location.file,
                  line: diagnostic.location.line, column: diagnostic.location.column,
                  path: diagnostic.path, message: diagnostic.message)
        }
    }

    /// One `file:line:col: error: path: message` line per diagnostic, then a summary line.
    public var text: String {
        var lines = diagnostics.map { entry in
            let field = entry.path.isEmpty ? "" : "\(entry.path): "
            return "\(entry.file):\(entry.line):\(entry.column): \(entry.severity): \(field)\(entry.message)"
        }
        let counts = "\(plural(files, "file")) (\(plural(poolClasses, "pool class", "pool classes")), \(plural(bots, "bot")))"
        if valid {
            let warnings = diagnostics.isEmpty ? "" : " (\(plural(diagnostics.count, "warning")))"
            lines.append("valid: \(plural(files, "file")), \(plural(poolClasses, "pool class", "pool classes")), "
                + "\(plural(bots, "bot"))\(warnings)")
        } else {
            let errors = diagnostics.count { $0.severity == "error" }
            lines.append("\(plural(errors, "error")), \(plural(diagnostics.count - errors, "warning")) in \(counts)")
        }
        return lines.joined(separator: "\n")
    }

    /// Pretty, key-sorted JSON with the field names above.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
