import BotpoolManifest
import Foundation
import Glibc
import Synchronization

/// inotify on a directory tree. Reading blocks, so it runs on a thread of its own and never
/// on Swift's cooperative pool; each batch of events becomes one element of `events`.
///
/// Besides the tree itself it watches the parent of the root, so that a root which is a
/// symlink swapped atomically (git-sync style checkouts) or a directory renamed into place
/// is noticed and watched again. When the tree is in a Git checkout it also watches the Git
/// directory and the current branch's ref directory (not their trees), so that a commit or
/// checkout that changes no manifest still triggers the pass that records its commit.
final class InotifyWatch: Sendable {
    let events: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let root: String
    private let descriptor: Int32
    private let stopped = Mutex(false)

    private static let treeMask: UInt32 = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE
        | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
    private static let parentMask: UInt32 = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB)
    /// Git replaces HEAD, refs and packed-refs by renaming a `.lock` file over them.
    private static let gitMask: UInt32 = UInt32(IN_CREATE | IN_DELETE | IN_CLOSE_WRITE | IN_MOVED_TO)

    init(root: String) throws {
        let fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { throw WatchError.inotify(path: root, errno: errno) }
        self.descriptor = fd
        // Absolute, so the parent of a one-component relative path (`--manifests manifests`) is
        // the working directory. (Foundation's `NSString.deletingLastPathComponent` traps on
        // such a path in Swift 6.3 on Linux.)
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        addWatches()
        let thread = Thread { [self] in readLoop() }
        thread.name = "botpool-inotify"
        thread.start()
    }

    /// Stops the reading thread; it closes the descriptor within one poll interval.
    func stop() {
        stopped.withLock { $0 = true }
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while !stopped.withLock({ $0 }) {
            guard poll(&pollDescriptor, 1, 200) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            // New directories need watches of their own; adding one twice is harmless.
            addWatches()
            continuation.yield()
        }
        close(descriptor)
        continuation.finish()
    }

    private func addWatches() {
        let parent = URL(fileURLWithPath: root).deletingLastPathComponent().path
        _ = inotify_add_watch(descriptor, parent, Self.parentMask)
        for directory in Self.directories(under: root) {
            _ = inotify_add_watch(descriptor, directory, Self.treeMask)
        }
        for directory in GitCheckout.find(containing: root)?.watchedDirectories() ?? [] {
            _ = inotify_add_watch(descriptor, directory, Self.gitMask)
        }
    }

    /// The root and every directory below it that is not a dot-directory (`.git` is ignored).
    static func directories(under root: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            return []
        }
        var result = [root]
        var index = 0
        while index < result.count {
            let directory = result[index]
            index += 1
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for entry in entries where !entry.hasPrefix(".") {
                let path = directory + "/" + entry
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    result.append(path)
                }
            }
        }
        return result
    }
}

enum WatchError: Error, CustomStringConvertible {
    case inotify(path: String, errno: Int32)

    var description: String {
        switch self {
        case .inotify(let path, let code):
            "cannot watch \(path): inotify: \(String(cString: strerror(code)))"
        }
    }
}
