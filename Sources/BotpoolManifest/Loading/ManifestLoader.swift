import Foundation

/// Reads manifest files into a `ManifestSet`: typed specs with defaults, plus every problem
/// as a diagnostic. Pure apart from reading the files.
public struct ManifestLoader: Sendable {
    public init() {}

    /// Loads every manifest below `paths` (directories recursively, or single files).
    /// - Throws: `ManifestLoader.Error.pathNotFound` when a path does not exist.
    public func load(paths: [String]) throws(ManifestLoader.Error) -> ManifestSet {
        let files = try ManifestFileFinder().files(under: paths)
        var sources: [ManifestSource] = []
        var unreadable: [Diagnostic] = []
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
            set.diagnostics = (set.diagnostics + unreadable).sorted(by: Diagnostic.sourceOrder)
            set.hasUnattributedErrors = true
        }
        return set
    }

    /// Validates manifests given as bytes, in the given order (cross-file checks name the
    /// later of two conflicting documents).
    public func load(sources: [ManifestSource]) -> ManifestSet {
        var documents: [DecodedDocument] = []
        var diagnostics: [Diagnostic] = []
        var unattributed = false
        for source in sources {
            let file = ManifestFileReader(source: source).read()
            documents += file.documents
            diagnostics += file.diagnostics
            unattributed = unattributed || file.hasUnattributedErrors
        }
        var checks = CrossDocumentChecks(documents: documents)
        checks.run()
        var set = checks.result
        set.diagnostics = (diagnostics + set.diagnostics).sorted(by: Diagnostic.sourceOrder)
        set.hasUnattributedErrors = set.hasUnattributedErrors || unattributed
        set.sourceFiles = sources.map(\.path)
        return set
    }
}

extension Diagnostic {
    /// By file, line and column; stable for equal positions.
    static func sourceOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.location.file, a.location.line, a.location.column) < (b.location.file, b.location.line, b.location.column)
    }
}
