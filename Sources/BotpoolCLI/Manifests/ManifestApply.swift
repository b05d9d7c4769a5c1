import BotpoolClients
import BotpoolManifest
import Foundation

/// `apply -f`: validates the given files together with the manifests directory, then writes
/// each into it atomically under its own base name.
struct ManifestApply: Sendable {
    struct FileWrite: Sendable {
        var source: String
        var target: String
        var contents: Data
        /// Same bytes already there: nothing to write.
        var unchanged: Bool
    }

    /// What applying would do, before anything is written.
    struct Prepared: Sendable {
        var writes: [FileWrite]
        /// The directory as it will be, given files under their own paths.
        var manifests: ManifestSet
        /// `bot alice/btc-dca created`, … in kubectl's words.
        var changes: [String]
        /// Bots the given files declare, for `--wait`.
        var bots: [Bot]
        var warnings: [String]
    }

    var directory: ManifestDirectory
    var paths: [String]

    init(directory: String, tenantDirectories: Bool = false, paths: [String]) {
        self.directory = ManifestDirectory(path: directory, tenantDirectories: tenantDirectories)
        self.paths = paths
    }

    /// The refusal (exit 1: invalid; 2: unreadable) or what to write.
    func prepare() -> Result<Prepared, ApplyRefusal> {
        let files: [String]
        do {
            files = try ManifestLoader().load(paths: paths).sourceFiles
        } catch {
            return .failure(ApplyRefusal(lines: ["error: \(error)"], exitCode: 2))
        }
        let given: [ManifestSource]
        switch Self.read(files, named: paths) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let sources): given = sources
        }
        let existing: [ManifestSource]
        do {
            existing = try directory.sources()
        } catch {
            return .failure(ApplyRefusal(lines: ["error: \(error)"], exitCode: 2))
        }
        let writes = given.map { source in
            let target = directory.target(for: (source.path as NSString).lastPathComponent)
            let current = existing.first { ManifestDirectory.same($0.path, target) }
            return FileWrite(source: source.path, target: target, contents: source.contents,
                             unchanged: current?.contents == source.contents)
        }
        let replaced = existing.filter { source in writes.contains { ManifestDirectory.same($0.target, source.path) } }
        let kept = existing.filter { source in !writes.contains { ManifestDirectory.same($0.target, source.path) } }
        let before = ManifestLoader().load(sources: existing)
        let after = ManifestLoader().load(sources: kept + given)

        let givenFiles = Set(files)
        let problems = after.diagnostics.filter { givenFiles.contains($0.location.file) }
            + ManifestDirectory.newErrors(before: before, after: after, ignoringFiles: givenFiles)
        if problems.contains(where: { $0.severity == .error }) {
            let count = problems.filter { $0.severity == .error }.count
            return .failure(ApplyRefusal(
                lines: problems.map(\.description) + ["error: refusing to apply: \(count) error\(count == 1 ? "" : "s"); nothing was written"],
                exitCode: 1))
        }
        let replacedFiles = Set(replaced.map(\.path))
        return .success(Prepared(
            writes: writes, manifests: after,
            changes: Self.changes(before: before, after: after, given: givenFiles, replaced: replacedFiles),
            bots: after.bots.filter { givenFiles.contains($0.source.file) },
            warnings: before.errors.filter { !replacedFiles.contains($0.location.file) }.map { "warning: already in the manifests dir: \($0)" }
        ))
    }

    /// The given files' bytes, refused when the controller would not read them back (not
    /// `*.yaml`/`*.yml`) or two would land on one name.
    static func read(_ files: [String], named paths: [String]) -> Result<[ManifestSource], ApplyRefusal> {
        guard !files.isEmpty else {
            return .failure(ApplyRefusal(lines: ["error: no manifest files in \(paths.joined(separator: " "))"], exitCode: 2))
        }
        var given: [ManifestSource] = []
        var targets: [String: String] = [:]
        for file in files {
            let base = (file as NSString).lastPathComponent
            guard base.hasSuffix(".yaml") || base.hasSuffix(".yml") else {
                return .failure(ApplyRefusal(lines: ["error: \(file): the controller only reads *.yaml and *.yml files; rename it"], exitCode: 1))
            }
            if let other = targets[base] {
                return .failure(ApplyRefusal(lines: ["error: \(other) and \(file) would both be written as \(base)"], exitCode: 1))
            }
            targets[base] = file
            guard let data = FileManager.default.contents(atPath: file) else {
                return .failure(ApplyRefusal(lines: ["error: cannot read \(file)"], exitCode: 2))
            }
            given.append(ManifestSource(path: file, contents: data))
        }
        return .success(given)
    }

    /// Writes every file whose bytes differ; returns the files written.
    static func write(_ prepared: Prepared, directory: String) throws(CLIError) -> [String] {
        do {
            try AtomicFile.makeDirectories(directory)
            var written: [String] = []
            for write in prepared.writes where !write.unchanged {
                try AtomicFile.write(write.contents, to: write.target)
                written.append(write.target)
            }
            return written
        } catch {
            throw .io("\(error)")
        }
    }
}
