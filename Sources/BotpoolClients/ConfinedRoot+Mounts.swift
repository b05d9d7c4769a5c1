import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Bind mounts beneath the root, for pools that see one directory per slot (shared pools):
/// the controller binds a bot's data dir onto its slot's directory, and mount propagation
/// carries the bind into the running container. Both ends are opened with the `O_NOFOLLOW`
/// walk and handed to `mount(2)` as `/proc/self/fd/N`, so no path a pool could have changed
/// is resolved again by the kernel.
extension ConfinedRoot {
    /// Makes `relative` a mount point of its own (a bind onto itself when it is not one) whose
    /// mounts propagate to its peers and slaves, e.g. a container's `rslave` bind of it.
    public func makeSharedMountPoint(_ relative: String) throws(AtomicFile.Failure) {
        if !(try isMountPoint(relative)) {
            try withDirectory(relative) { (fd) throws(AtomicFile.Failure) in
                guard mount(Self.procPath(fd), Self.procPath(fd), nil, UInt(MS_BIND), nil) == 0 else {
                    throw failure(relative, "bind onto itself")
                }
            }
        }
        // Opened again: an fd opened before the bind names the directory under the new mount.
        try withDirectory(relative) { (fd) throws(AtomicFile.Failure) in
            guard mount(nil, Self.procPath(fd), nil, UInt(MS_SHARED), nil) == 0 else { throw failure(relative, "make shared") }
        }
    }

    /// Binds the directory `source` onto the directory `target` unless `target` already shows
    /// it; whatever else was mounted on `target` is detached first.
    public func bind(_ source: String, onto target: String) throws(AtomicFile.Failure) {
        let sourceFD = try openDirectory(source, create: nil)
        defer { close(sourceFD) }
        if try isMountPoint(target) {
            let shows = try withDirectory(target) { (fd) throws(AtomicFile.Failure) in Self.sameDirectory(fd, sourceFD) }
            if shows { return }
            try unmount(target)
        }
        try withDirectory(target) { (fd) throws(AtomicFile.Failure) in
            guard mount(Self.procPath(sourceFD), Self.procPath(fd), nil, UInt(MS_BIND), nil) == 0 else {
                throw failure(target, "bind \(source) onto")
            }
        }
    }

    /// Detaches every mount stacked on `relative`; a directory that is no mount point (or is
    /// missing) is left as it is.
    public func unmount(_ relative: String) throws(AtomicFile.Failure) {
        for _ in 0..<Self.maximumStackedMounts {
            guard try isMountPoint(relative) else { return }
            try withDirectory(relative) { (fd) throws(AtomicFile.Failure) in
                guard umount2(Self.procPath(fd), Int32(MNT_DETACH)) == 0 else { throw failure(relative, "unmount") }
            }
        }
        throw AtomicFile.Failure(path: absolute(relative), operation: "unmount (still mounted after \(Self.maximumStackedMounts))",
                                 code: EBUSY)
    }

    /// More binds than this on one directory are not the controller's doing.
    static let maximumStackedMounts = 16

    /// True when `relative` is the root of a mount other than its parent's (a bind, say).
    public func isMountPoint(_ relative: String) throws(AtomicFile.Failure) -> Bool {
        let (directory, name) = try split(relative)
        let parent: Int32
        do {
            parent = try openDirectory(directory, create: nil)
        } catch where error.code == ENOENT {
            return false
        }
        defer { close(parent) }
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return false }
            throw failure(relative, "open")
        }
        defer { close(fd) }
        return try Self.mountID(of: fd, path: absolute(relative)) != Self.mountID(of: parent, path: absolute(directory))
    }

    /// True when `relative` shows the same directory (device and inode) as `other`.
    public func sameDirectory(_ relative: String, _ other: String) -> Bool {
        guard let a = try? openDirectory(relative, create: nil) else { return false }
        defer { close(a) }
        guard let b = try? openDirectory(other, create: nil) else { return false }
        defer { close(b) }
        return Self.sameDirectory(a, b)
    }

    private func withDirectory<T>(_ relative: String, _ body: (Int32) throws(AtomicFile.Failure) -> T) throws(AtomicFile.Failure) -> T {
        let fd = try openDirectory(relative, create: nil)
        defer { close(fd) }
        return try body(fd)
    }

    private static func sameDirectory(_ a: Int32, _ b: Int32) -> Bool {
        var first = stat()
        var second = stat()
        guard fstat(a, &first) == 0, fstat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    static func procPath(_ fd: Int32) -> String {
        "/proc/self/fd/\(fd)"
    }

    /// The id of the mount an open file lies on, from `/proc/self/fdinfo` (statx's
    /// STATX_ATTR_MOUNT_ROOT is not in Swift's Glibc module).
    static func mountID(of fd: Int32, path: String) throws(AtomicFile.Failure) -> Int {
        guard let info = try? String(contentsOfFile: "/proc/self/fdinfo/\(fd)", encoding: .utf8) else {
            throw AtomicFile.Failure(path: path, operation: "read /proc/self/fdinfo", code: errno == 0 ? ENOENT : errno)
        }
        for line in info.split(separator: "\n") where line.hasPrefix("mnt_id:") {
            if let id = Int(line.dropFirst("mnt_id:".count).trimmingCharacters(in: .whitespaces)) { return id }
        }
        throw AtomicFile.Failure(path: path, operation: "find mnt_id in /proc/self/fdinfo", code: ENOENT)
    }
}
