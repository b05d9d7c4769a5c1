import Foundation

extension GitCheckout {
    /// `packed-refs` lists every ref of a repository; a repository with a million tags stays
    /// under this, a planted endless file does not get read.
    static let packedRefsLimit = 64 << 20

    /// HEAD → symbolic ref → loose ref file or `packed-refs`, or a detached id.
    public func head() -> GitHead {
        var consulted: [String] = []
        return head(consulted: &consulted)
    }

    /// The same, listing every file it read or looked for (to tell when to read again).
    func head(consulted: inout [String]) -> GitHead {
        let path = gitDir + "/HEAD"
        consulted.append(path)
        return interpret(BoundedFile.read(path, limit: Self.smallFileLimit), name: "HEAD", depth: 0, consulted: &consulted)
    }

    /// Git follows at most five symbolic refs.
    private func resolve(ref: String, depth: Int, consulted: inout [String]) -> GitHead {
        guard depth < 5 else { return .unreadable("\(ref): symbolic refs nested too deep") }
        guard GitHead.isRefName(ref) else { return .unreadable("HEAD names \"\(ref.prefix(80))\", not a ref") }
        let loose = refDirectory(ref) + "/" + ref
        consulted.append(loose)
        switch BoundedFile.read(loose, limit: Self.smallFileLimit) {
        case .absent:
            return packed(ref: ref, consulted: &consulted)
        case let outcome:
            return interpret(outcome, name: ref, depth: depth + 1, consulted: &consulted)
        }
    }

    private func interpret(_ outcome: BoundedFile.Outcome, name: String, depth: Int, consulted: inout [String]) -> GitHead {
        switch outcome {
        case .absent: return .unreadable("\(name): missing")
        case .refused(let why): return .unreadable(why)
        case .contents(let data):
            guard let line = Self.firstLine(data) else { return .unreadable("\(name): not a ref") }
            if line.hasPrefix("ref:") {
                let target = line.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
                return resolve(ref: target, depth: depth, consulted: &consulted)
            }
            return GitHead.isObjectID(line) ? .commit(line) : .unreadable("\(name): neither a ref nor an object id")
        }
    }

    /// `<id> <ref>` lines; `#` starts the header, `^` a peeled tag's line.
    private func packed(ref: String, consulted: inout [String]) -> GitHead {
        let path = commonDir + "/packed-refs"
        consulted.append(path)
        switch BoundedFile.read(path, limit: Self.packedRefsLimit) {
        case .absent: return .unborn(ref: ref)
        case .refused(let why): return .unreadable(why)
        case .contents(let data):
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let space = line.firstIndex(of: UInt8(ascii: " ")),
                      line[line.index(after: space)...].elementsEqual(ref.utf8)
                else { continue }
                let id = String(decoding: line[line.startIndex..<space], as: UTF8.self)
                return GitHead.isObjectID(id) ? .commit(id) : .unreadable("packed-refs: \(ref): not an object id")
            }
            return .unborn(ref: ref)
        }
    }

    /// Refs of one worktree stay in its own Git directory; branches and tags are shared.
    private func refDirectory(_ ref: String) -> String {
        let ownRefs = ["refs/worktree/", "refs/bisect/", "refs/rewritten/"]
        return ownRefs.contains { ref.hasPrefix($0) } ? gitDir : commonDir
    }

    /// Where a commit or checkout shows up as a file event: the Git directories (HEAD,
    /// `packed-refs`) and the directory of the branch HEAD names. Not recursive: the objects
    /// are none of the controller's business.
    public func watchedDirectories() -> [String] {
        var directories = [gitDir]
        if commonDir != gitDir { directories.append(commonDir) }
        if case .contents(let data) = BoundedFile.read(gitDir + "/HEAD", limit: Self.smallFileLimit),
           let line = Self.firstLine(data), line.hasPrefix("ref:") {
            let ref = line.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
            if GitHead.isRefName(ref) {
                directories.append(URL(fileURLWithPath: refDirectory(ref) + "/" + ref).deletingLastPathComponent().path)
            }
        }
        return directories
    }
}
