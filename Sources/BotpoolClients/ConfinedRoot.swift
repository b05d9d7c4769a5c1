import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A directory the controller trusts (its state dir) with paths beneath it that pools can
/// write: a bot's data dir, a pool's run dir. Every path beneath is resolved one component at a
/// time with `openat(O_NOFOLLOW)`, so a symlink a pool planted (`/bots/b1 -> /etc`) fails the
/// operation with ELOOP or ENOTDIR instead of taking a root write outside the root. This is the
/// `openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)` walk done by hand: `..` and `.` components
/// are refused before any call, and no path beneath the root is ever handed to `open` whole.
public struct ConfinedRoot: Sendable, Equatable {
    /// Opened as given: the operator may put the state dir behind a symlink.
    public let path: String

    public init(_ path: String) {
        self.path = path
    }

    public func absolute(_ relative: String) -> String {
        relative.isEmpty ? path : path + "/" + relative
    }

    /// A file's owner and group.
    public struct Owner: Sendable, Equatable {
        public var uid: uid_t
        public var gid: gid_t

        public init(uid: uid_t, gid: gid_t) {
            self.uid = uid
            self.gid = gid
        }
    }

    /// `mkdir -p` beneath the root; directories made on the way get `permissions`, and the last
    /// one gets exactly `permissions` (and `owner`, when given) also when it existed.
    public func makeDirectories(_ relative: String, permissions: mode_t = 0o755, owner: Owner? = nil) throws(AtomicFile.Failure) {
        let fd = try openDirectory(relative, create: permissions)
        defer { close(fd) }
        if let owner, fchown(fd, owner.uid, owner.gid) != 0 { throw failure(relative, "chown") }
        guard fchmod(fd, permissions) == 0 else { throw failure(relative, "chmod") }
    }

    /// The owner of the directory `relative` (reached without following links).
    public func owner(of relative: String) -> Owner? {
        guard let fd = try? openDirectory(relative, create: nil) else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return nil }
        return Owner(uid: status.st_uid, gid: status.st_gid)
    }

    /// `chown -R` beneath the root that changes links themselves, never what they name.
    public func changeOwner(ofTree relative: String, to owner: Owner) throws(AtomicFile.Failure) {
        let fd = try openDirectory(relative, create: nil)
        defer { close(fd) }
        guard fchown(fd, owner.uid, owner.gid) == 0 else { throw failure(relative, "chown") }
        try changeOwner(inside: fd, path: absolute(relative), to: owner)
    }

    private func changeOwner(inside directory: Int32, path: String, to owner: Owner) throws(AtomicFile.Failure) {
        for name in Self.entries(of: directory) {
            guard fchownat(directory, name, owner.uid, owner.gid, AT_SYMLINK_NOFOLLOW) == 0 else {
                throw AtomicFile.Failure(path: path + "/" + name, operation: "chown", code: errno)
            }
            let child = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else { continue }  // a file or a link: done above
            defer { close(child) }
            try changeOwner(inside: child, path: path + "/" + name, to: owner)
        }
    }

    /// Names in an open directory (no `.`/`..`); the fd stays open and is not moved.
    static func entries(of directory: Int32) -> [String] {
        let walker = dup(directory)
        guard walker >= 0, let stream = fdopendir(walker) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// `AtomicFile.stage` beneath the root: the directory must exist and no component of it may
    /// be a symlink; the temporary file is made with `O_EXCL | O_NOFOLLOW` in that directory.
    public func stage(_ data: Data, at relative: String, permissions: mode_t = 0o644,
                      owner: Owner? = nil) throws(AtomicFile.Failure) -> AtomicFile.Staged {
        let (directory, name) = try split(relative)
        let fd = try openDirectory(directory, create: nil)
        defer { close(fd) }
        let temporary = "." + name + ".tmp-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let file = openat(fd, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, permissions)
        guard file >= 0 else { throw failure(relative, "create") }
        var failed: AtomicFile.Failure?
        if let owner, fchown(file, owner.uid, owner.gid) != 0 { failed = failure(relative, "chown") }
        if let failed = failed ?? AtomicFile.writeAll(data, to: file, path: absolute(relative)) {
            close(file)
            unlinkat(fd, temporary, 0)
            throw failed
        }
        close(file)
        return AtomicFile.Staged(beneath: self, directory: directory, name: name, temporary: temporary)
    }

    public func write(_ data: Data, at relative: String, permissions: mode_t = 0o644) throws(AtomicFile.Failure) {
        try stage(data, at: relative, permissions: permissions).commit()
    }

    /// The file's bytes, or nil when it is missing, is not a regular file, is reached through a
    /// symlink, or holds more than `maxBytes` (everything a pool wrote is read bounded).
    public func read(_ relative: String, maxBytes: Int) -> Data? {
        guard let (directory, name) = try? split(relative), let fd = try? openDirectory(directory, create: nil) else { return nil }
        defer { close(fd) }
        let file = openat(fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) <= maxBytes else { return nil }
        var data = Data(count: maxBytes + 1)
        var total = 0
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            while total <= maxBytes {
                let count = Glibc.read(file, buffer.baseAddress?.advanced(by: total), maxBytes + 1 - total)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return count == 0 }
                total += count
            }
            return false
        }
        guard complete else { return nil }
        return data.prefix(total)
    }

    /// Names in the directory (no `.`/`..`), or [] when it is missing or reached through a symlink.
    public func contentsOfDirectory(_ relative: String) -> [String] {
        guard let fd = try? openDirectory(relative, create: nil) else { return [] }
        defer { close(fd) }
        return Self.entries(of: fd)
    }

    /// True when the entry itself (not what a symlink names) is a unix socket.
    public func isSocket(_ relative: String) -> Bool {
        fileType(relative) == S_IFSOCK
    }

    public func isDirectory(_ relative: String) -> Bool {
        fileType(relative) == S_IFDIR
    }

    /// Identity and change times of an entry (not what a symlink names): equal stamps mean a
    /// directory's entries were not added, removed or renamed over in between.
    public func stamp(_ relative: String) -> FileStamp? {
        guard let (directory, name) = try? split(relative), let fd = try? openDirectory(directory, create: nil) else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstatat(fd, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileStamp(device: UInt64(status.st_dev), inode: UInt64(status.st_ino),
                         modified: [Int64(status.st_mtim.tv_sec), Int64(status.st_mtim.tv_nsec)],
                         changed: [Int64(status.st_ctim.tv_sec), Int64(status.st_ctim.tv_nsec)])
    }

    private func fileType(_ relative: String) -> mode_t? {
        guard let (directory, name) = try? split(relative), let fd = try? openDirectory(directory, create: nil) else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstatat(fd, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return status.st_mode & S_IFMT
    }

    /// Removes a file or a symlink (never its target); a missing one is fine.
    public func removeFile(_ relative: String) {
        guard let (directory, name) = try? split(relative), let fd = try? openDirectory(directory, create: nil) else { return }
        defer { close(fd) }
        unlinkat(fd, name, 0)
    }

    /// `rm -rf` beneath the root that never follows a symlink: a link inside the tree is
    /// removed as a link, and the tree's own path is walked with `O_NOFOLLOW`. Missing is fine.
    /// It stops with EBUSY at a mount point, leaving what is mounted there untouched.
    public func removeTree(_ relative: String) throws(AtomicFile.Failure) {
        let (directory, name) = try split(relative)
        let fd: Int32
        do {
            fd = try openDirectory(directory, create: nil)
        } catch where error.code == ENOENT {
            return
        }
        defer { close(fd) }
        try removeEntry(name, in: fd, path: absolute(relative))
    }

    private func removeEntry(_ name: String, in parent: Int32, path: String) throws(AtomicFile.Failure) {
        if unlinkat(parent, name, 0) == 0 || errno == ENOENT { return }
        guard errno == EISDIR else { throw AtomicFile.Failure(path: path, operation: "unlink", code: errno) }
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw AtomicFile.Failure(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        // A bind mount (a bot's data dir on a shared pool's slot) is another tree: never
        // emptied through the place it is mounted on.
        guard try Self.mountID(of: fd, path: path) == Self.mountID(of: parent, path: path) else {
            throw AtomicFile.Failure(path: path, operation: "remove (a mount point)", code: EBUSY)
        }
        for child in Self.entries(of: fd) {
            try removeEntry(child, in: fd, path: path + "/" + child)
        }
        guard unlinkat(parent, name, AT_REMOVEDIR) == 0 || errno == ENOENT else {
            throw AtomicFile.Failure(path: path, operation: "rmdir", code: errno)
        }
    }

    /// An fd of the directory `relative` beneath the root, each component opened with
    /// `O_NOFOLLOW | O_DIRECTORY`; with `create`, missing components are made with that mode.
    func openDirectory(_ relative: String, create: mode_t?) throws(AtomicFile.Failure) -> Int32 {
        var fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw AtomicFile.Failure(path: path, operation: "open", code: errno) }
        for component in try components(relative) {
            var next = openat(fd, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0, errno == ENOENT, let mode = create {
                if mkdirat(fd, component, mode) != 0, errno != EEXIST {
                    let code = errno
                    close(fd)
                    throw AtomicFile.Failure(path: absolute(relative), operation: "mkdir \(component)", code: code)
                }
                next = openat(fd, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            let code = errno
            close(fd)
            guard next >= 0 else {
                // O_NOFOLLOW on a symlink gives ELOOP, O_DIRECTORY on one ENOTDIR: both say a
                // pool may have planted it; neither is followed.
                let operation = code == ELOOP || code == ENOTDIR ? "open \(component) (a symlink or not a directory)" : "open \(component)"
                throw AtomicFile.Failure(path: absolute(relative), operation: operation, code: code)
            }
            fd = next
        }
        return fd
    }

    private func components(_ relative: String) throws(AtomicFile.Failure) -> [String] {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.allSatisfy({ $0 != "." && $0 != ".." }), !relative.hasPrefix("/") else {
            throw AtomicFile.Failure(path: absolute(relative), operation: "resolve beneath \(path)", code: EXDEV)
        }
        return parts
    }

    func split(_ relative: String) throws(AtomicFile.Failure) -> (directory: String, name: String) {
        var parts = try components(relative)
        guard let name = parts.popLast() else {
            throw AtomicFile.Failure(path: absolute(relative), operation: "resolve beneath \(path)", code: EINVAL)
        }
        return (parts.joined(separator: "/"), name)
    }

    func failure(_ relative: String, _ operation: String) -> AtomicFile.Failure {
        AtomicFile.Failure(path: absolute(relative), operation: operation, code: errno)
    }
}

/// `ConfinedRoot.stamp`: an entry's device, inode, and modification and change times (seconds, nanoseconds).
public struct FileStamp: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var modified: [Int64]
    public var changed: [Int64]
}
