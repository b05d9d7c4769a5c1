import Foundation

/// Where a pass's manifests came from: the Git checkout that holds the manifests directory and
/// the commit its HEAD named while they were read.
public struct ManifestProvenance: Sendable, Equatable {
    /// The checkout's top directory (symlinks resolved).
    public var root: String
    public var head: GitHead
    /// When Git last wrote HEAD, a ref it was read from, or the index: the newest of their mtimes.
    public var lastGitWrite: FileTime?

    public init(root: String, head: GitHead, lastGitWrite: FileTime? = nil) {
        self.root = root
        self.head = head
        self.lastGitWrite = lastGitWrite
    }

    public var commit: String? { head.commit }

    /// Whether `file` was written after Git last wrote HEAD, its ref and the index: an edit
    /// neither committed nor staged yet. (A checkout writes the files before the index, a
    /// commit before the ref.) Cheap, one `stat`, and not `git status`: an edit older than the
    /// last commit, or one staged and not committed, is not noticed.
    public func isEditedAfterHead(_ file: String) -> Bool {
        guard let moved = lastGitWrite, let written = FileTime.modified(URL(fileURLWithPath: file).resolvingSymlinksInPath().path) else {
            return false
        }
        return written > moved
    }

    /// `file` relative to the checkout's top, as `git log -- PATH` takes it; nil outside it.
    public func path(of file: String) -> String? {
        let real = URL(fileURLWithPath: file).resolvingSymlinksInPath().standardizedFileURL.path
        let prefix = root == "/" ? "/" : root + "/"
        guard real.hasPrefix(prefix) else { return nil }
        return String(real.dropFirst(prefix.count))
    }
}
