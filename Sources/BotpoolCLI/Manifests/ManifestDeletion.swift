import BotpoolClients
import BotpoolManifest
import Foundation

/// `delete`: removes documents (matched by kind, tenant and name) from the manifests
/// directory's files. A file left without documents is deleted; any other file is rewritten
/// with the remaining documents byte for byte as they were.
struct ManifestDeletion: Sendable {
    struct FileChange: Sendable, Equatable {
        var path: String
        var removed: [ManifestIdentity]
        /// nil: delete the file.
        var newText: String?
    }

    var directory: ManifestDirectory

    init(directory: String, tenantDirectories: Bool = false) {
        self.directory = ManifestDirectory(path: directory, tenantDirectories: tenantDirectories)
    }

    /// Removes `names`, unless the directory would then fail validation in a way it did not
    /// before (a class still used by a bot). Exit 1 when something named was not found.
    func execute(removing names: [ManifestIdentity]) -> CommandOutcome {
        var outcome = CommandOutcome()
        let sources: [ManifestSource]
        do {
            sources = try directory.sources()
        } catch {
            return .failure("error: \(error)", exitCode: 2)
        }
        let wanted = Set(names)
        var changes: [FileChange] = []
        for source in sources {
            let text = String(decoding: source.contents, as: UTF8.self)
            let documents: ManifestDocuments
            do {
                documents = try ManifestDocuments(path: source.path, text: text)
            } catch {
                outcome.warn("warning: skipped \(error)")
                continue
            }
            let removed = documents.identities.filter(wanted.contains)
            guard !removed.isEmpty else { continue }
            changes.append(FileChange(path: source.path, removed: removed, newText: documents.removing(wanted)))
        }
        let after = ManifestLoader().load(sources: sources.compactMap { source in
            guard let change = changes.first(where: { $0.path == source.path }) else { return source }
            return change.newText.map { ManifestSource(path: source.path, text: $0, tenantDirectory: source.tenantDirectory) }
        })
        let broken = ManifestDirectory.newErrors(before: ManifestLoader().load(sources: sources), after: after)
        if !broken.isEmpty {
            for diagnostic in broken { outcome.warn(diagnostic.description) }
            outcome.warn("error: refusing to delete: the manifests would not validate afterwards; nothing was changed")
            outcome.exitCode = 1
            return outcome
        }
        do {
            try apply(changes)
        } catch {
            outcome.warn("error: \(error)")
            outcome.exitCode = 2
            return outcome
        }
        for change in changes {
            for identity in change.removed {
                outcome.say("\(identity) deleted (\(change.path): \(change.newText == nil ? "file removed" : "document removed"))")
            }
        }
        if !changes.isEmpty { outcome.say("The controller acts on it at its next pass.") }
        let found = Set(changes.flatMap(\.removed))
        for identity in names where !found.contains(identity) {
            outcome.warn(Self.notFound(identity, directory: directory.path))
            outcome.exitCode = 1
        }
        return outcome
    }

    private func apply(_ changes: [FileChange]) throws(CLIError) {
        for change in changes {
            if let text = change.newText {
                do {
                    try AtomicFile.write(text, to: change.path)
                } catch {
                    throw .io("\(error)")
                }
            } else if unlink(change.path) != 0 {
                throw .io("cannot remove \(change.path): \(String(cString: strerror(errno)).lowercased())")
            }
        }
    }

    static func notFound(_ identity: ManifestIdentity, directory: String) -> String {
        if let tenant = identity.tenant {
            return "\(identity.kind.lowercased()) \"\(identity.name)\" not found in tenant \(tenant) (in \(directory))"
        }
        return "\(identity.kind.lowercased()) \"\(identity.name)\" not found (in \(directory))"
    }

    /// What the given files (or directories of files) declare, for `delete -f`.
    static func identities(in paths: [String]) throws(CLIError) -> [ManifestIdentity] {
        let files: [String]
        do {
            files = try ManifestLoader().load(paths: paths).sourceFiles
        } catch {
            throw .io("\(error)")
        }
        var identities: [ManifestIdentity] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw .io("cannot read \(file)") }
            identities += try ManifestDocuments(path: file, text: String(decoding: data, as: UTF8.self)).identities
        }
        return identities
    }
}
