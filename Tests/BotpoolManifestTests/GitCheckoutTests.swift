@testable import BotpoolManifest
import Foundation
import Testing

/// The `.git` reader on hand-made repositories: every layout Git writes, and what a manifest
/// author could plant instead. (The E2E test `GitProvenance` runs it against real `git`.)
@Suite struct GitCheckoutTests {
    static let commitA = String(repeating: "a1", count: 20)
    static let commitB = String(repeating: "b2", count: 20)
    static let sha256 = String(repeating: "c3", count: 32)

    /// A scratch directory holding `repo/.git` and `repo/manifests`.
    struct Repo {
        let top = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gitcheckout-\(UUID().uuidString.prefix(8))").path
        var root: String { top + "/repo" }
        var gitDir: String { root + "/.git" }
        var manifests: String { root + "/manifests" }

        init() throws {
            try FileManager.default.createDirectory(atPath: gitDir + "/refs/heads", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: manifests + "/alice", withIntermediateDirectories: true)
        }

        func write(_ path: String, _ text: String) throws {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(atPath: top) }
    }

    static func head(of directory: String) -> GitHead? {
        GitCheckout.find(containing: directory)?.head()
    }

    @Test func aBranchIsReadFromItsLooseRef() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.write(repo.gitDir + "/HEAD", "ref: refs/heads/main\n")
        try repo.write(repo.gitDir + "/refs/heads/main", Self.commitA + "\n")
        // The loose ref wins over packed-refs, as in Git.
        try repo.write(repo.gitDir + "/packed-refs", "\(Self.commitB) refs/heads/main\n")
        let checkout = try #require(GitCheckout.find(containing: repo.manifests + "/alice"))
        #expect(checkout.root == URL(fileURLWithPath: repo.root).resolvingSymlinksInPath().path)
        #expect(checkout.head() == .commit(Self.commitA))
    }

    @Test func aBranchIsReadFromPackedRefs() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.write(repo.gitDir + "/HEAD", "ref: refs/heads/release/v2\n")
        try repo.write(repo.gitDir + "/packed-refs", """
            # pack-refs with: peeled fully-peeled sorted
            \(Self.commitB) refs/heads/main
            \(Self.commitA) refs/heads/release/v2
            ^\(Self.commitB)

            """)
        #expect(Self.head(of: repo.manifests) == .commit(Self.commitA))
    }

    @Test func aDetachedHeadIsItsOwnCommitAndSHA256IdsAreTaken() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.write(repo.gitDir + "/HEAD", Self.commitB + "\n")
        #expect(Self.head(of: repo.manifests) == .commit(Self.commitB))
        try repo.write(repo.gitDir + "/HEAD", Self.sha256)
        #expect(Self.head(of: repo.manifests) == .commit(Self.sha256))
    }

    @Test func aBranchWithoutCommitsIsUnborn() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.write(repo.gitDir + "/HEAD", "ref: refs/heads/main\n")
        #expect(Self.head(of: repo.manifests) == .unborn(ref: "refs/heads/main"))
    }

    /// `git worktree add` (and git-sync) leave `.git` as a file naming the worktree's own Git
    /// directory, whose `commondir` leads back to the branches.
    @Test func aWorktreesGitdirFileLeadsToItsHeadAndTheSharedRefs() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.write(repo.gitDir + "/HEAD", "ref: refs/heads/main\n")
        try repo.write(repo.gitDir + "/refs/heads/main", Self.commitA + "\n")
        try repo.write(repo.gitDir + "/refs/heads/ci", Self.commitB + "\n")
        let worktreeGit = repo.gitDir + "/worktrees/deploy"
        try repo.write(worktreeGit + "/HEAD", "ref: refs/heads/ci\n")
        try repo.write(worktreeGit + "/commondir", "../..\n")
        let worktree = repo.top + "/deploy"
        try repo.write(worktree + "/.git", "gitdir: \(worktreeGit)\n")
        try FileManager.default.createDirectory(atPath: worktree + "/manifests", withIntermediateDirectories: true)

        let checkout = try #require(GitCheckout.find(containing: worktree + "/manifests"))
        #expect(checkout.root == URL(fileURLWithPath: worktree).resolvingSymlinksInPath().path)
        #expect(checkout.commonDir == URL(fileURLWithPath: repo.gitDir).standardizedFileURL.path)
        #expect(checkout.head() == .commit(Self.commitB))
        // A relative gitdir (submodules write one) is relative to the directory holding `.git`.
        try repo.write(worktree + "/.git", "gitdir: ../repo/.git/worktrees/deploy\n")
        #expect(Self.head(of: worktree) == .commit(Self.commitB))
    }

    @Test func aPathIsNamedRelativeToTheCheckoutsTop() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.write(repo.gitDir + "/HEAD", Self.commitA)
        try repo.write(repo.manifests + "/alice/red.yaml", "")
        let reader = GitProvenanceReader()
        let provenance = try #require(reader.provenance(of: repo.manifests))
        #expect(provenance.commit == Self.commitA)
        #expect(provenance.path(of: repo.manifests + "/alice/red.yaml") == "manifests/alice/red.yaml")
        #expect(provenance.path(of: "/etc/passwd") == nil)
        #expect(reader.provenance(of: repo.top) == nil, "no .git above the scratch directory's parent")
    }

    @Test func theReaderSeesACommitAndAPackAndAnIntactHeadCostsNoRead() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.write(repo.gitDir + "/HEAD", "ref: refs/heads/main\n")
        try repo.write(repo.gitDir + "/refs/heads/main", Self.commitA + "\n")
        let reader = GitProvenanceReader()
        #expect(reader.provenance(of: repo.manifests)?.commit == Self.commitA)
        #expect(reader.provenance(of: repo.manifests)?.commit == Self.commitA)
        try repo.write(repo.gitDir + "/refs/heads/main", Self.commitB + "\n")
        #expect(reader.provenance(of: repo.manifests)?.commit == Self.commitB)
        // `git pack-refs --all --prune`: the loose ref goes, packed-refs names it.
        try repo.write(repo.gitDir + "/packed-refs", "\(Self.commitA) refs/heads/main\n")
        try FileManager.default.removeItem(atPath: repo.gitDir + "/refs/heads/main")
        #expect(reader.provenance(of: repo.manifests)?.commit == Self.commitA)
    }

    /// Whoever writes the manifests may plant these: each is refused as unreadable, bounded,
    /// without following a link, blocking or crashing.
    @Test(arguments: [
        ("garbage", "this is not a ref\n"),
        ("short id", "abc123\n"),
        ("upper-case id", String(repeating: "AB", count: 20)),
        ("41 hex digits", String(repeating: "a", count: 41)),
        ("escaping ref", "ref: refs/../../../../etc/passwd\n"),
        ("ref outside refs/", "ref: config\n"),
        ("lock ref", "ref: refs/heads/main.lock\n"),
        ("control character", "ref: refs/heads/ma\u{1}in\n"),
        ("not UTF-8", "\u{FF}"),
        ("empty", ""),
    ])
    func aPlantedHeadIsUnreadable(name: String, head: String) throws {
        let repo = try Repo()
        defer { repo.remove() }
        let bytes = name == "not UTF-8" ? Data([0xFF, 0xFE, 0x0A]) : Data(head.utf8)
        try bytes.write(to: URL(fileURLWithPath: repo.gitDir + "/HEAD"))
        guard case .unreadable = Self.head(of: repo.manifests) else {
            Issue.record("\(name): \(String(describing: Self.head(of: repo.manifests)))")
            return
        }
    }

    @Test func oversizedSymlinkedCyclicAndSpecialFilesAreRefused() throws {
        let repo = try Repo()
        defer { repo.remove() }
        // A HEAD of a megabyte: refused before it is read.
        try repo.write(repo.gitDir + "/HEAD", Self.commitA + String(repeating: "\n", count: 1 << 20))
        guard case .unreadable = Self.head(of: repo.manifests) else { Issue.record("oversized HEAD read"); return }

        // A ref that is a symlink out of the repository.
        try repo.write(repo.top + "/secret", Self.commitB + "\n")
        try repo.write(repo.gitDir + "/HEAD", "ref: refs/heads/main\n")
        try FileManager.default.createSymbolicLink(atPath: repo.gitDir + "/refs/heads/main", withDestinationPath: repo.top + "/secret")
        guard case .unreadable = Self.head(of: repo.manifests) else { Issue.record("symlinked ref followed"); return }
        try FileManager.default.removeItem(atPath: repo.gitDir + "/refs/heads/main")

        // A FIFO would block a plain open(2) forever.
        #expect(mkfifo(repo.gitDir + "/refs/heads/main", 0o600) == 0)
        guard case .unreadable = Self.head(of: repo.manifests) else { Issue.record("FIFO ref read"); return }
        try FileManager.default.removeItem(atPath: repo.gitDir + "/refs/heads/main")

        // Symbolic refs that name each other.
        try repo.write(repo.gitDir + "/refs/heads/main", "ref: refs/heads/other\n")
        try repo.write(repo.gitDir + "/refs/heads/other", "ref: refs/heads/main\n")
        guard case .unreadable = Self.head(of: repo.manifests) else { Issue.record("ref loop followed"); return }

        // A directory where the ref should be.
        try FileManager.default.removeItem(atPath: repo.gitDir + "/refs/heads/main")
        try FileManager.default.createDirectory(atPath: repo.gitDir + "/refs/heads/main", withIntermediateDirectories: true)
        guard case .unreadable = Self.head(of: repo.manifests) else { Issue.record("directory ref read"); return }
    }

    @Test func aGarbageGitFileOrAGitDirectoryWithoutHeadIsNoCheckout() throws {
        let repo = try Repo()
        defer { repo.remove() }
        #expect(GitCheckout.find(containing: repo.manifests) == nil, "a .git without HEAD")
        try FileManager.default.removeItem(atPath: repo.gitDir)
        try repo.write(repo.gitDir, "gitdir is somewhere\n")
        #expect(GitCheckout.find(containing: repo.manifests) == nil)
        try repo.write(repo.gitDir, "gitdir: /nonexistent/worktree\n")
        #expect(GitCheckout.find(containing: repo.manifests) == nil)
        try repo.write(repo.gitDir, "gitdir: " + String(repeating: "x", count: 10_000))
        #expect(GitCheckout.find(containing: repo.manifests) == nil)
    }
}

extension GitCheckoutTests {
    /// An edit written after Git last wrote the ref and the index is not committed yet.
    @Test func aFileWrittenAfterTheLastCommitAndIndexIsAnUncommittedEdit() throws {
        let repo = try Repo()
        defer { repo.remove() }
        let file = repo.manifests + "/red.yaml"
        try repo.write(repo.gitDir + "/HEAD", "ref: refs/heads/main\n")
        try repo.write(repo.gitDir + "/refs/heads/main", Self.commitA + "\n")
        try repo.write(file, "")
        func at(_ path: String, _ seconds: Double) throws {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: path)
        }
        try at(file, 1000)
        try at(repo.gitDir + "/HEAD", 2000)
        try at(repo.gitDir + "/refs/heads/main", 2000)
        #expect(GitProvenanceReader().provenance(of: repo.manifests)?.isEditedAfterHead(file) == false)
        try at(file, 3000)
        #expect(GitProvenanceReader().provenance(of: repo.manifests)?.isEditedAfterHead(file) == true)
        // `git add` (or a checkout) wrote the index after it.
        try repo.write(repo.gitDir + "/index", "")
        try at(repo.gitDir + "/index", 4000)
        #expect(GitProvenanceReader().provenance(of: repo.manifests)?.isEditedAfterHead(file) == false)
    }
}
