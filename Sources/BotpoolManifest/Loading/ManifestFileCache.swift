import Foundation
import Synchronization

/// What each manifest file decoded to, kept between loads so the daemon parses only the files
/// whose bytes changed. Keyed by the bytes themselves, not by a timestamp: a file rewritten
/// within one mtime tick, or swapped by a rename, is still parsed again. Cross-document checks
/// (duplicates, port ranges, tenants) and everything after them run on every load, so the
/// mass-delete guard and frozen bots see exactly what a fresh load would.
public final class ManifestFileCache: Sendable {
    private struct Entry: Sendable {
        var contents: Data
        var tenantDirectory: String?
        var result: ManifestFileReader.Result
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// The decoded file, from the cache when this path last held the same bytes.
    func read(_ source: ManifestSource) -> ManifestFileReader.Result {
        let cached = entries.withLock { $0[source.path] }
        if let cached, cached.tenantDirectory == source.tenantDirectory, cached.contents == source.contents {
            return cached.result
        }
        let result = ManifestFileReader(source: source).read()
        entries.withLock {
            $0[source.path] = Entry(contents: source.contents, tenantDirectory: source.tenantDirectory, result: result)
        }
        return result
    }

    /// Forgets the files that are gone, so a deleted file's bytes are not kept.
    func keep(only paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key) } }
    }

    /// How many files it holds (for tests).
    public var count: Int { entries.withLock { $0.count } }
}
