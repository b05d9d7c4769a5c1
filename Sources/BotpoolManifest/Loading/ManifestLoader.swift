import Foundation

/// Reads manifest files into a `ManifestSet`: typed specs with defaults, plus every problem
/// as a diagnostic. Pure apart from reading the files.
public struct ManifestLoader: Sendable {
    /// `--tenant-dirs`: files below `<directory>/<tenant>/` may declare only that tenant's
    /// Bots, and no PoolClass (see `TenantDirectories`).
    public var tenantDirectories: Bool
    /// Decoded files kept between loads (the daemon's); nil parses every file every time.
    public var cache: ManifestFileCache?

    public init(tenantDirectories: Bool = false, cache: ManifestFileCache? = nil) {
        self.tenantDirectories = tenantDirectories
        self.cache = cache
    }

    /// The directory commands read when given no path: `$BOTPOOL_MANIFESTS`, else `./manifests`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        guard let configured = environment["BOTPOOL_MANIFESTS"], !configured.isEmpty else { return "./manifests" }
        return configured
    }

    /// Loads every manifest below `paths` (directories recursively, or single files).
    /// - Throws: `ManifestLoader.Error.pathNotFound` when a path does not exist.
    public func load(paths: [String]) throws(ManifestLoader.Error) -> ManifestSet {
        var files: [String] = []
        var sources: [ManifestSource] = []
        // A refused link may hold bots: they are unknown, so none is removed meanwhile.
        var unreadable: [Diagnostic] = []
        for path in paths {
            let found = try ManifestFileFinder().files(under: [path])
            files += found.files
            unreadable += found.refused
            for file in found.files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    unreadable.append(Diagnostic(.error, SourceLocation(file: file, line: 1, column: 1), path: "",
                                                 "cannot read file"))
                    continue
                }
                let tenant = tenantDirectories ? TenantDirectories.tenant(of: file, below: path) : nil
                sources.append(ManifestSource(path: file, contents: data, tenantDirectory: tenant))
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
    /// later of two conflicting documents). A source's `tenantDirectory` restricts what it may
    /// declare whatever `tenantDirectories` says.
    public func load(sources: [ManifestSource]) -> ManifestSet {
        var screened = TenantDirectoryCheck.Screened()
        var diagnostics: [Diagnostic] = []
        var unattributed: [Diagnostic] = []
        for source in sources {
            let file = cache?.read(source) ?? ManifestFileReader(source: source).read()
            if let tenant = source.tenantDirectory {
                screened.merge(TenantDirectoryCheck(tenant: tenant).screen(file.documents))
            } else {
                screened.kept += file.documents
            }
            diagnostics += file.diagnostics
            unattributed += file.unattributedErrors
        }
        var checks = CrossDocumentChecks(documents: screened.kept)
        checks.run()
        var set = checks.result
        set.diagnostics = (diagnostics + set.diagnostics).sortedBySource()
        set.record(screened, declared: Set(screened.kept.compactMap { document in
            if case .bot(let bot) = document { return bot.id }
            return nil
        }))
        set.unattributedErrors += unattributed
        set.sourceFiles = sources.map(\.path)
        cache?.keep(only: Set(set.sourceFiles))
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
