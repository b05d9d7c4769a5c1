/// Splits one file into decoded documents. A YAML syntax error ends the file (libyaml cannot
/// resume), and what follows it is unknown.
struct ManifestFileReader {
    let source: ManifestSource

    struct Result {
        var documents: [DecodedDocument] = []
        var diagnostics: [Diagnostic] = []
        var hasUnattributedErrors = false
    }

    func read() -> Result {
        var result = Result()
        guard var text = String(validating: source.contents, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8Position()
            result.diagnostics.append(Diagnostic(.error, SourceLocation(file: source.path, line: line, column: column),
                                                 path: "", "file is not valid UTF-8"))
            result.hasUnattributedErrors = true
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
                result.diagnostics.append(Diagnostic(
                    .error, SourceLocation(file: source.path, line: error.line, column: error.column), path: "",
                    error.message))
                result.hasUnattributedErrors = true
                return result
            }
            guard let root else { return result }
            if case .scalar(let scalar) = root.content, scalar.kind == .null { continue }  // `---` alone
            var fields = FieldReader(file: source.path)
            let document = fields.document(root)
            result.documents.append(document)
            result.diagnostics += fields.diagnostics
            if case .unattributed = document { result.hasUnattributedErrors = true }
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
