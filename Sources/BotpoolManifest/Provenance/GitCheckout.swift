import Foundation

/// A Git working tree that holds the manifests directory, found by walking up from it to the
/// first `.git`: a directory, or (a linked worktree, a submodule) a `gitdir:` file. Read from
/// the files directly, never by running `git`: the pass stays free of subprocesses, and every
/// file is read bounded (`BoundedFile`), since whoever writes the manifests may plant them.
public struct GitCheckout: Sendable, Equatable {
    /// The directory that holds `.git`; manifests are named by their path below it.
    public var root: String
    /// Where this checkout's HEAD lives: `.git`, or `<main>/.git/worktrees/<name>`.
    public var gitDir: String
    /// Where branches and `packed-refs` live: `gitDir`, or the main repository's for a worktree.
    public var commonDir: String

    public init(root: String, gitDir: String, commonDir: String) {
        self.root = root
        self.gitDir = gitDir
        self.commonDir = commonDir
    }

    /// A `.git` file, `commondir` or ref is one line; more than this is not Git's.
    static let smallFileLimit = 4096

    /// The checkout that holds `directory` (symlinks resolved), or nil when none does or its
    /// `.git` cannot be read as one.
    public static func find(containing directory: String) -> GitCheckout? {
        var current = URL(fileURLWithPath: directory).resolvingSymlinksInPath().standardizedFileURL.path
        while true {
            let dotGit = current == "/" ? "/.git" : current + "/.git"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dotGit, isDirectory: &isDirectory) {
                return isDirectory.boolValue ? repository(root: current, gitDir: dotGit) : linked(root: current, file: dotGit)
            }
            guard current != "/" else { return nil }
            current = URL(fileURLWithPath: current).deletingLastPathComponent().standardizedFileURL.path
        }
    }

    private static func repository(root: String, gitDir: String) -> GitCheckout? {
        // Git itself treats a `.git` without HEAD as no repository.
        guard FileManager.default.fileExists(atPath: gitDir + "/HEAD") else { return nil }
        var commonDir = gitDir
        if case .contents(let data) = BoundedFile.read(gitDir + "/commondir", limit: smallFileLimit) {
            guard let line = firstLine(data) else { return nil }
            commonDir = resolve(line, against: gitDir)
        }
        return GitCheckout(root: root, gitDir: gitDir, commonDir: commonDir)
    }

    /// `.git` as a file: `gitdir: PATH`, relative to the directory that holds it.
    private static func linked(root: String, file: String) -> GitCheckout? {
        guard case .contents(let data) = BoundedFile.read(file, limit: smallFileLimit),
              let line = firstLine(data), line.hasPrefix("gitdir: ")
        else { return nil }
        let gitDir = resolve(String(line.dropFirst("gitdir: ".count)), against: root)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: gitDir, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return repository(root: root, gitDir: gitDir)
    }

    static func resolve(_ path: String, against directory: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: directory).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// The first line of a small text file, without its newline; nil when it is not UTF-8,
    /// empty, or holds a NUL.
    static func firstLine(_ data: Data) -> String? {
        guard let text = String(validating: data, as: UTF8.self) else { return nil }
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains("\0") else { return nil }
        return trimmed
    }
}
