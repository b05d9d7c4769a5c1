import Synchronization

/// Reads the commit of the checkout that holds a directory, once per change of HEAD: each call
/// finds the checkout again (a git-sync swap moves it) and re-reads HEAD and its refs only
/// when one of the files it read last time changed (a `stat` each), so a pass pays a few
/// system calls for it.
public final class GitProvenanceReader: Sendable {
    private struct Cached: Sendable {
        var checkout: GitCheckout
        var stamps: [(path: String, stamp: BoundedFile.Stamp)]
        var head: GitHead
        var movedAt: FileTime?
    }

    private let cache = Mutex<Cached?>(nil)

    public init() {}

    /// nil when `directory` is in no Git checkout.
    public func provenance(of directory: String) -> ManifestProvenance? {
        guard let checkout = GitCheckout.find(containing: directory) else { return nil }
        let cached = cache.withLock { $0 }
        if let cached, cached.checkout == checkout,
           cached.stamps.allSatisfy({ BoundedFile.Stamp($0.path) == $0.stamp }) {
            return ManifestProvenance(root: checkout.root, head: cached.head,
                                      lastGitWrite: Self.lastWrite(cached.movedAt, checkout: checkout))
        }
        var consulted: [String] = []
        let head = checkout.head(consulted: &consulted)
        let stamps = consulted.map { path in (path: path, stamp: BoundedFile.Stamp(path)) }
        // Read again after stamping: a ref rewritten between the read and its stamp would
        // otherwise keep the old answer until the next commit.
        var again: [String] = []
        let confirmed = checkout.head(consulted: &again)
        let movedAt = stamps.compactMap(\.stamp.modifiedAt).max()
        if confirmed == head && again == consulted {
            cache.withLock { $0 = Cached(checkout: checkout, stamps: stamps, head: head, movedAt: movedAt) }
        }
        return ManifestProvenance(root: checkout.root, head: confirmed, lastGitWrite: Self.lastWrite(movedAt, checkout: checkout))
    }

    /// The index changes without HEAD (`git add`, `git status`), so it is stamped at every call.
    private static func lastWrite(_ headMovedAt: FileTime?, checkout: GitCheckout) -> FileTime? {
        [headMovedAt, FileTime.modified(checkout.gitDir + "/index")].compactMap(\.self).max()
    }
}
