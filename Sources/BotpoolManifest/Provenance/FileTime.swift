/// A file's modification time, to the nanosecond the file system keeps.
public struct FileTime: Sendable, Hashable, Comparable {
    public var seconds: Int
    public var nanoseconds: Int

    public init(seconds: Int, nanoseconds: Int) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// The file's mtime (not following a final symlink); nil when it cannot be read.
    public static func modified(_ path: String) -> FileTime? {
        BoundedFile.Stamp(path).modifiedAt
    }

    public static func < (a: FileTime, b: FileTime) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }
}
