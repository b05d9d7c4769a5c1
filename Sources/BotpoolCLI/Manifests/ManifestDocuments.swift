import Yams

/// A manifest file cut at its `---` lines, so that documents can be removed while every other
/// byte of the file stays as written (comments, order, formatting).
struct ManifestDocuments: Sendable {
    struct Chunk: Sendable {
        /// From its `---` line (none for the first chunk) up to the next one.
        var text: String
        var identity: ManifestIdentity?
    }

    var path: String
    var chunks: [Chunk]

    /// Throws when the file is not YAML, or when cutting at `---` lines would not give the
    /// documents a YAML parser sees (then the file must be edited by hand).
    init(path: String, text: String) throws(CLIError) {
        self.path = path
        chunks = Self.cut(text).map { Chunk(text: $0, identity: ManifestIdentity(document: try? Yams.load(yaml: $0))) }
        var sequence: YamlSequence<Any>
        do {
            sequence = try Yams.load_all(yaml: text)
        } catch {
            throw .io("\(path): cannot read its documents: \(error)")
        }
        var whole: [ManifestIdentity] = []
        while let document = sequence.next() {
            if let identity = ManifestIdentity(document: document) { whole.append(identity) }
        }
        if let error = sequence.error { throw .io("\(path): cannot read its documents: \(error)") }
        guard whole == identities else {
            throw .io("\(path): cannot split it at its --- lines; edit it by hand")
        }
    }

    var identities: [ManifestIdentity] { chunks.compactMap(\.identity) }

    /// The file without the documents named; nil when no document would be left.
    func removing(_ names: Set<ManifestIdentity>) -> String? {
        let kept = chunks.filter { chunk in chunk.identity.map { !names.contains($0) } ?? true }
        guard kept.contains(where: { $0.identity != nil }) else { return nil }
        return kept.map(\.text).joined()
    }

    /// Splits before every line that starts a document (`---` alone or followed by blanks or
    /// content); the pieces joined give the text back exactly.
    static func cut(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var lineStart = true
        var index = text.startIndex
        while index < text.endIndex {
            if lineStart, isSeparator(text[index...]), !(pieces.isEmpty && current.isEmpty) {
                pieces.append(current)
                current = ""
            }
            let character = text[index]
            current.append(character)
            lineStart = character == "\n" || character == "\r\n"
            index = text.index(after: index)
        }
        pieces.append(current)
        return pieces
    }

    private static func isSeparator(_ rest: Substring) -> Bool {
        guard rest.hasPrefix("---") else { return false }
        let after = rest.dropFirst(3).first
        return after == nil || after == " " || after == "\t" || after == "\n" || after == "\r\n"
    }
}
