import BotpoolManifest
import Foundation

/// The manifests directory as sources in memory, so `apply` and `delete` can validate what the
/// directory would hold before they change it.
struct ManifestDirectory: Sendable {
    var path: String
    /// `--tenant-dirs`: label each file with its tenant directory, as the controller would.
    var tenantDirectories = false

    /// Every manifest file the controller would read, with its bytes; none when the directory
    /// does not exist yet.
    func sources() throws(CLIError) -> [ManifestSource] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let files: [String]
        do {
            files = try ManifestLoader().load(paths: [path]).sourceFiles
        } catch {
            throw .io("\(error)")
        }
        var sources: [ManifestSource] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw .io("cannot read \(file)") }
            let tenant = tenantDirectories ? TenantDirectories.tenant(of: file, below: path) : nil
            sources.append(ManifestSource(path: file, contents: data, tenantDirectory: tenant))
        }
        return sources
    }

    /// Where a file named `base` goes in the directory.
    func target(for base: String) -> String {
        (path.hasSuffix("/") ? path : path + "/") + base
    }

    static func same(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
    }

    /// Errors of `after` that `before` did not have, matched by file, field path and message
    /// (line numbers move when documents are removed).
    static func newErrors(before: ManifestSet, after: ManifestSet, ignoringFiles: Set<String> = []) -> [Diagnostic] {
        let known = Set(before.errors.map(key))
        return after.errors.filter { !ignoringFiles.contains($0.location.file) && !known.contains(key($0)) }
    }

    private static func key(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.location.file)\u{0}\(diagnostic.path)\u{0}\(diagnostic.message)"
    }
}
