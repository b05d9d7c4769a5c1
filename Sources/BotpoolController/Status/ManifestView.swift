/// Where a bot's manifest came from, when the manifests directory is a Git checkout.
public struct ManifestView: Codable, Sendable, Equatable {
    /// The file, relative to the checkout's top (`git log -- PATH` takes it); nil when unknown
    /// (a bot frozen by an unreadable file, after a restart, when several files are unreadable).
    public var path: String?
    /// The commit the last pass read the file at; nil when HEAD names no commit yet.
    public var commit: String?
    /// Frozen bots: the first commit a pass saw the file broken at. With passes at every
    /// commit it is the one that broke it; otherwise the break lies after `lastGoodCommit`.
    public var brokenIn: String?
    /// Frozen bots: the last commit a pass read the file valid at, which is what still runs.
    /// nil when this controller never saw it valid (it started after the break): unknown.
    public var lastGoodCommit: String?
    /// True when the file was written after Git last wrote HEAD, its ref and the index: what
    /// the pass read is an edit not in `commit` (not committed yet). Absent otherwise. A frozen
    /// bot's `brokenIn` waits for the commit that takes the edit.
    public var uncommitted: Bool?

    public init(path: String?, commit: String?, brokenIn: String? = nil, lastGoodCommit: String? = nil,
                uncommitted: Bool? = nil) {
        self.path = path
        self.commit = commit
        self.brokenIn = brokenIn
        self.lastGoodCommit = lastGoodCommit
        self.uncommitted = uncommitted
    }
}
