import Foundation

/// Reads manifest files into a `ManifestSet`: typed specs with defaults, plus every problem
/// as a diagnostic. Pure apart from reading the files.
public struct ManifestLoader: Sendable {
    public init() {}

    /// The directory commands read when given no path: `$BOTPOOL_MANIFESTS`, else `./manifests`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        guard let configured = environment["BOTPOOL_MANIFESTS"], !configured.isEmpty else { return "./manifests" }
        return configured
    }

    /// Loads every manifest below `paths` (directories recursively, or single files).
    /// - Throws: `ManifestLoader.Error.pathNotFound` when a path does not exist.
    public func load(paths: [String]) throws(ManifestLoader.Error) -> ManifestSet {
        let found = try ManifestFileFinder().files(under: paths)
        let files = found.files
        var sources: [ManifestSource] = []
        // A refused link may hold bots: they are unknown, so none is removed meanwhile.
        var unreadable: [Diagnostic] = found.refused
        for file in files {
            if let data = FileManager.default.contents(atPath: file) {
                sources.append(ManifestSource(path: file, contents: data))
            } else {
                unreadable.append(Diagnostic(.error, SourceLocation(file: file, line: 1, column: 1), path: "",
                                             "cannot read file"))
            }
        }
        var set = load(sources: sources)
        set.sourceFiles = files
        if !unreadable.isEmpty {
            set.diagnostics = (set.diagnostics + unreadable).sortedBySource()
            set.unattributedErrors += unreadable
        }
        return set
    }

    /// Validates manifests given as bytes, in the given order (cross-file checks name the
    /// later of two conflicting documents).
    public func load(sources: [ManifestSource]) -> ManifestSet {
        var documents: [DecodedDocument] = []
        var diagnostics: [Diagnostic] = []
        var unattributed: [Diagnostic] = []
        for source in sources {
            let file = ManifestFileReader(source: source).read()
            documents += file.documents
            diagnostics += file.diagnostics
            unattributed += file.unattributedErrors
        }
        var checks = CrossDocumentChecks(documents: documents)
        checks.run()
        var set = checks.result
        set.diagnostics = (diagnostics + set.diagnostics).sortedBySource()
        set.unattributedErrors += unattributed
        set.sourceFiles = sources.map(\.path)
        return set
    }
}

extension Array where Element == Diagnostic {
    /// By file, line and column; diagnostics at one position keep the order they were found in.
    func sortedBySource() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let left = a.element.location, right = b.element.location
            return (left.file, left.line, left.column, a.offset) < (right.file, right.line, right.column, b.offset)
        }.map(\.element)
    }
}
