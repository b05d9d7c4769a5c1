import Foundation
import Glibc

/// Reads a small file that the manifests' authors may have planted: at most `limit` bytes, only
/// a regular file, never through a symlink, never blocking on a FIFO.
enum BoundedFile {
    enum Outcome: Equatable, Sendable {
        case contents(Data)
        case absent
        /// Present but not read: a symlink, a directory, a device, or larger than the limit.
        case refused(String)
    }

    static func read(_ path: String, limit: Int) -> Outcome {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            return errno == ENOENT || errno == ENOTDIR ? .absent : .refused("\(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .refused("\(path): not a regular file")
        }
        guard info.st_size <= limit else { return .refused("\(path): larger than \(limit) bytes") }
        // The size may grow after fstat: read one byte past the limit to notice.
        var buffer = [UInt8](repeating: 0, count: limit + 1)
        var total = 0
        while total < buffer.count {
            let count = buffer.withUnsafeMutableBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return Glibc.read(descriptor, base + total, bytes.count - total)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            total += count
        }
        guard total <= limit else { return .refused("\(path): larger than \(limit) bytes") }
        return .contents(Data(buffer.prefix(total)))
    }

    /// What identifies a file's version without reading it: a ref rewritten by git is renamed
    /// into place (a new inode), and an edit in place changes the size or the mtime.
    struct Stamp: Equatable, Sendable {
        var device: UInt64 = 0
        var inode: UInt64 = 0
        var size: Int64 = 0
        var modified = timespec()
        var changed = timespec()
        var exists = false

        init(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            exists = true
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = info.st_mtim
            changed = info.st_ctim
        }

        var modifiedAt: FileTime? {
            exists ? FileTime(seconds: Int(modified.tv_sec), nanoseconds: Int(modified.tv_nsec)) : nil
        }

        static func == (a: Stamp, b: Stamp) -> Bool {
            (a.exists, a.device, a.inode, a.size) == (b.exists, b.device, b.inode, b.size)
                && (a.modified.tv_sec, a.modified.tv_nsec, a.changed.tv_sec, a.changed.tv_nsec)
                == (b.modified.tv_sec, b.modified.tv_nsec, b.changed.tv_sec, b.changed.tv_nsec)
        }
    }
}
