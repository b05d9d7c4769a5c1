/// What a checkout's HEAD names.
public enum GitHead: Sendable, Equatable {
    /// A commit, as 40 (SHA-1) or 64 (SHA-256) lowercase hex digits.
    case commit(String)
    /// A branch without commits yet (`git init` before the first commit).
    case unborn(ref: String)
    /// HEAD or a ref it names cannot be read as Git writes them; why.
    case unreadable(String)

    public var commit: String? {
        if case .commit(let id) = self { return id }
        return nil
    }

    static func isObjectID(_ text: some StringProtocol) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64)
            && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// A ref name that stays below the Git directory as a path: `refs/…`, no empty, `.`-led or
    /// `.lock` component, no control character or backslash (`ref: ../../etc/passwd` is refused).
    static func isRefName(_ name: String) -> Bool {
        guard name.hasPrefix("refs/"), name.utf8.count <= 1024 else { return false }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        return components.allSatisfy { component in
            !component.isEmpty && !component.hasPrefix(".") && !component.hasSuffix(".lock")
                && component.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7f && $0 != UInt8(ascii: "\\") }
        }
    }
}
