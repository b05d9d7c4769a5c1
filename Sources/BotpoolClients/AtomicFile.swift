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
        try stage(data, for: path, permissions: permissions).commit()
    }

    public static func write(_ text: String, to path: String, permissions: mode_t = 0o644) throws(Failure) {
        try write(Data(text.utf8), to: path, permissions: permissions)
    }

    /// The first half of `write`: the new content is on disk under a hidden temporary name and
    /// `path` is untouched until `commit()`. A full disk fails here, while the old file (and
    /// the process using it) is still whole.
    public static func stage(_ data: Data, for path: String, permissions: mode_t = 0o644) throws(Failure) -> Staged {
        // Through URL: `NSString.deletingLastPathComponent` traps on a one-component relative
        // path in Swift 6.3's Foundation on Linux.
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw Failure(path: path, operation: "create", code: errno) }
        if let failure = writeAll(data, to: fd, path: path) {
            close(fd)
            unlink(temporary)
            throw failure
        }
        close(fd)
        return Staged(path: path, temporary: temporary)
    }

    /// Writes all of `data` and flushes it to disk; the failure, if any.
    static func writeAll(_ data: Data, to fd: Int32, path: String) -> Failure? {
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
        return failure
    }

    /// A file written under a temporary name, waiting to replace `path`.
    public struct Staged: Sendable {
        public let path: String
        private let place: Place

        /// Where the temporary file is: by plain path, or by name in a directory beneath a
        /// `ConfinedRoot` (opened again, without following symlinks, to commit or discard).
        private enum Place: Sendable {
            case path(temporary: String)
            case beneath(ConfinedRoot, directory: String, name: String, temporary: String)
        }

        init(path: String, temporary: String) {
            self.path = path
            place = .path(temporary: temporary)
        }

        init(beneath root: ConfinedRoot, directory: String, name: String, temporary: String) {
            path = root.absolute(directory.isEmpty ? name : directory + "/" + name)
            place = .beneath(root, directory: directory, name: name, temporary: temporary)
        }

        /// Renames the staged content over `path` (no allocation, so a full disk cannot fail it).
        public func commit() throws(Failure) {
            switch place {
            case .path(let temporary):
                guard rename(temporary, path) == 0 else {
                    let failure = Failure(path: path, operation: "rename", code: errno)
                    unlink(temporary)
                    throw failure
                }
            case .beneath(let root, let directory, let name, let temporary):
                let fd = try root.openDirectory(directory, create: nil)
                defer { close(fd) }
                guard renameat(fd, temporary, fd, name) == 0 else {
                    let failure = Failure(path: path, operation: "rename", code: errno)
                    unlinkat(fd, temporary, 0)
                    throw failure
                }
            }
        }

        /// Drops the staged content; `path` stays as it was.
        public func discard() {
            switch place {
            case .path(let temporary):
                unlink(temporary)
            case .beneath(let root, let directory, _, let temporary):
                guard let fd = try? root.openDirectory(directory, create: nil) else { return }
                unlinkat(fd, temporary, 0)
                close(fd)
            }
        }
    }

    /// `mkdir -p`; with `permissions`, the last directory gets exactly that mode (also when it
    /// existed already), the ones made on the way too.
    public static func makeDirectories(_ path: String, permissions: mode_t? = nil) throws(Failure) {
        do {
            let attributes: [FileAttributeKey: Any]? = permissions.map { [.posixPermissions: Int($0)] }
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: attributes)
        } catch {
            throw Failure(path: path, operation: "mkdir", code: (error as NSError).code == 0 ? EIO : Int32((error as NSError).code))
        }
        if let permissions, chmod(path, permissions) != 0 {
            throw Failure(path: path, operation: "chmod", code: errno)
        }
    }
}

extension Array where Element == AtomicFile.Staged {
    /// Commits every staged file, in order. A failure leaves the rest discarded.
    public func commitAll() throws(AtomicFile.Failure) {
        for (index, file) in enumerated() {
            do {
                try file.commit()
            } catch {
                dropFirst(index + 1).forEach { $0.discard() }
                throw error
            }
        }
    }

    public func discardAll() {
        forEach { $0.discard() }
    }
}
