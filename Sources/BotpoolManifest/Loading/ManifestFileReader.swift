/// Splits one file into decoded documents. A YAML syntax error ends the file (libyaml cannot
/// resume), and what follows it is unknown.
struct ManifestFileReader {
    let source: ManifestSource

    struct Result {
        var documents: [DecodedDocument] = []
        var diagnostics: [Diagnostic] = []
        /// The errors that make some of this file's bots unknown (a syntax error ends the file).
        var unattributedErrors: [Diagnostic] = []
    }

    func read() -> Result {
        var result = Result()
        guard var text = String(validating: source.contents, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8Position()
            let problem = Diagnostic(.error, SourceLocation(file: source.path, line: line, column: column),
                                     path: "", "file is not valid UTF-8")
            result.diagnostics.append(problem)
            result.unattributedErrors.append(problem)
            return result
        }
        // libyaml skips a byte-order mark only when it detects the encoding itself.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader = YAMLReader(text: text)
        while true {
            let root: YAMLNode?
            do {
                root = try reader.nextDocument()
            } catch {
                let problem = Diagnostic(
                    .error, SourceLocation(file: source.path, line: error.line, column: error.column), path: "",
                    error.message)
                result.diagnostics.append(problem)
                result.unattributedErrors.append(problem)
                return result
            }
            guard let root else { return result }
            if case .scalar(let scalar) = root.content, scalar.kind == .null { continue }  // `---` alone
            var fields = FieldReader(file: source.path)
            var document = fields.document(root)
            let errors = fields.diagnostics.filter { $0.severity == .error }
            switch document {
            case .bot(var bot):
                bot.errors = errors
                document = .bot(bot)
            case .unattributed:
                result.unattributedErrors += errors.prefix(1)
            case .poolClass:
                break
            }
            result.documents.append(document)
            result.diagnostics += fields.diagnostics
        }
    }

    /// Line and column (in characters) of the first byte that breaks UTF-8.
    private func firstInvalidUTF8Position() -> (Int, Int) {
        var line = 1, column = 1
        var decoder = UTF8()
        var bytes = source.contents.makeIterator()
        while case .scalarValue(let scalar) = decoder.decode(&bytes) {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
