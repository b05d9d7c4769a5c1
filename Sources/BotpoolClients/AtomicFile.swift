import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader (supervisord re-reading `conf.d`, a bot reading its config)
/// sees the old content or the new, never a torn one, even if botpool dies mid-write.
public enum AtomicFile {
    public struct Failure: Swift.Error, CustomStringConvertible, Sendable {
        public var path: String
        public var operation: String
        public var code: Int32

        public var description: String {
            "cannot write \(path): \(operation) failed: \(String(cString: strerror(code)).lowercased())"
        }
    }

    /// Writes `data` to a hidden temporary file beside `path` (so it never matches a
    /// `*.conf` glob), flushes it to disk, and renames it over `path`.
    public static func write(_ data: Data, to path: String, permissions: mode_t = 0o644) throws(Failure) {
        // Through URL: `NSString.deletingLastPathComponent` traps on a one-component relative
        // path in Swift 6.3's Foundation on Linux.
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let base = url.lastPathComponent
        let temporary = directory + "/." + base + ".tmp-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw Failure(path: path, operation: "create", code: errno) }
        var failure: Failure?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, bytes.baseAddress?.advanced(by: offset), bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = Failure(path: path, operation: "write", code: errno)
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = Failure(path: path, operation: "fsync", code: errno) }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = Failure(path: path, operation: "rename", code: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    public static func write(_ text: String, to path: String, permissions: mode_t = 0o644) throws(Failure) {
        try write(Data(text.utf8), to: path, permissions: permissions)
    }

    /// `mkdir -p`.
    public static func makeDirectories(_ path: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: path, operation: "mkdir", code: (error as NSError).code == 0 ? EIO : Int32((error as NSError).code))
        }
    }
}
