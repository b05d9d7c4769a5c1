import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ConfinedRoot {
    /// `cp -a` of a tree a bot wrote (a legacy container's data) to `relative` beneath the root,
    /// which must not exist yet; its parent must. Both sides are walked with `openat` and
    /// `O_NOFOLLOW`: a symlink in the source is copied as a symlink, never followed, and no
    /// symlink in the destination is written through. Regular files are opened `O_NONBLOCK` and
    /// checked with `fstat` before a byte is read, so a FIFO planted in the tree cannot hang the
    /// copy; FIFOs, sockets and device nodes are not copied but returned, as paths relative to
    /// the source. Modes are kept without setuid and setgid bits; owners are the caller's.
    /// `source` itself is opened as given (an operator's path): a directory or a regular file.
    @discardableResult
    public func copyTree(from source: String, to relative: String) throws(AtomicFile.Failure) -> [String] {
        let (directory, name) = try split(relative)
        let parent = try openDirectory(directory, create: nil)
        defer { close(parent) }
        let top = open(source, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard top >= 0 else { throw AtomicFile.Failure(path: source, operation: "open", code: errno) }
        defer { close(top) }
        var status = stat()
        guard fstat(top, &status) == 0 else { throw AtomicFile.Failure(path: source, operation: "stat", code: errno) }
        var copy = TreeCopy(sourceRoot: source, destinationRoot: absolute(relative))
        switch status.st_mode & S_IFMT {
        case S_IFDIR: try copy.directory(top, mode: status.st_mode, named: name, in: parent, at: "")
        case S_IFREG: try copy.file(top, mode: status.st_mode, named: name, in: parent, at: "")
        default: throw AtomicFile.Failure(path: source, operation: "copy (not a directory or a regular file)", code: EINVAL)
        }
        return copy.skipped
    }
}

/// One `copyTree`: the paths it names in errors and the entries it left out.
private struct TreeCopy {
    let sourceRoot: String
    let destinationRoot: String
    var skipped: [String] = []

    private static let keptModeBits: mode_t = 0o1777

    mutating func directory(_ source: Int32, mode: mode_t, named name: String, in parent: Int32, at path: String) throws(AtomicFile.Failure) {
        guard mkdirat(parent, name, 0o700) == 0 else { throw failure(path, "mkdir") }
        let target = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard target >= 0 else { throw failure(path, "open") }
        defer { close(target) }
        for entry in ConfinedRoot.entries(of: source).sorted() {
            try copyEntry(entry, from: source, to: target, at: path.isEmpty ? entry : path + "/" + entry)
        }
        guard fchmod(target, mode & Self.keptModeBits) == 0 else { throw failure(path, "chmod") }
    }

    mutating func file(_ source: Int32, mode: mode_t, named name: String, in parent: Int32, at path: String) throws(AtomicFile.Failure) {
        let target = openat(parent, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard target >= 0 else { throw failure(path, "create") }
        defer { close(target) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.Failure(path: sourceRoot + (path.isEmpty ? "" : "/" + path), operation: "read", code: errno)
            }
            if let failed = AtomicFile.writeAll(Data(buffer[0..<count]), to: target, path: destination(path)) { throw failed }
        }
        guard fchmod(target, mode & Self.keptModeBits) == 0 else { throw failure(path, "chmod") }
    }

    private mutating func copyEntry(_ name: String, from source: Int32, to target: Int32, at path: String) throws(AtomicFile.Failure) {
        var status = stat()
        guard fstatat(source, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw AtomicFile.Failure(path: sourceRoot + "/" + path, operation: "stat", code: errno)
        }
        switch status.st_mode & S_IFMT {
        case S_IFLNK:
            var bytes = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlinkat(source, name, &bytes, bytes.count - 1)
            guard length >= 0 else { throw AtomicFile.Failure(path: sourceRoot + "/" + path, operation: "readlink", code: errno) }
            bytes[length] = 0
            guard symlinkat(bytes, target, name) == 0 else { throw failure(path, "symlink") }
        case S_IFDIR, S_IFREG:
            let isDirectory = status.st_mode & S_IFMT == S_IFDIR
            let flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | (isDirectory ? O_DIRECTORY : 0)
            let fd = openat(source, name, flags)
            guard fd >= 0 else { throw AtomicFile.Failure(path: sourceRoot + "/" + path, operation: "open", code: errno) }
            defer { close(fd) }
            // What was opened is what is copied: the entry may have been swapped since fstatat.
            var opened = stat()
            guard fstat(fd, &opened) == 0, opened.st_mode & S_IFMT == status.st_mode & S_IFMT else {
                skipped.append(path)
                return
            }
            if isDirectory {
                try directory(fd, mode: opened.st_mode, named: name, in: target, at: path)
            } else {
                try file(fd, mode: opened.st_mode, named: name, in: target, at: path)
            }
        default:
            skipped.append(path)
        }
    }

    private func destination(_ path: String) -> String {
        path.isEmpty ? destinationRoot : destinationRoot + "/" + path
    }

    private func failure(_ path: String, _ operation: String) -> AtomicFile.Failure {
        AtomicFile.Failure(path: destination(path), operation: operation, code: errno)
    }
}
