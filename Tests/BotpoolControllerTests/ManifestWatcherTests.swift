@testable import BotpoolController
import Foundation
import Logging
import Synchronization
import Testing

@Suite struct ManifestWatcherTests {
    /// Counts change signals from a watcher running in the background.
    final class Counter: Sendable {
        let value = Mutex(0)
        func increment() { value.withLock { $0 += 1 } }
        var current: Int { value.withLock { $0 } }
    }

    func withWatcher(on dir: URL, _ body: (Counter) async throws -> Void) async throws {
        let counter = Counter()
        let watcher = ManifestWatcher(path: dir.path, debounce: .milliseconds(100))
        let task = Task { try await watcher.run(logger: Logger(label: "test")) { counter.increment() } }
        defer { task.cancel() }
        try await Task.sleep(for: .milliseconds(200))
        try await body(counter)
    }

    func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<50 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aBurstOfWritesIsCoalesced() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withWatcher(on: dir) { counter in
            for i in 0..<20 {
                try "x: \(i)".write(to: dir.appendingPathComponent("bot\(i).yaml"), atomically: true, encoding: .utf8)
            }
            #expect(try await eventually { counter.current >= 1 })
            try await Task.sleep(for: .milliseconds(400))
            // Coalesced: on a loaded machine a burst may straddle one quiet period, not twenty.
            #expect(counter.current <= 3)
        }
    }

    /// `botpool run --manifests manifests`: a one-component relative path (it used to trap in
    /// Foundation while finding the parent to watch).
    @Test func aRelativeOneComponentPathIsWatched() async throws {
        let name = "watch-relative-\(UUID().uuidString.prefix(8))"
        let dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let watcher = ManifestWatcher(path: name, debounce: .milliseconds(100))
        let task = Task { try await watcher.run(logger: Logger(label: "test")) { counter.increment() } }
        defer { task.cancel() }
        try await Task.sleep(for: .milliseconds(200))
        try "x: 1".write(to: dir.appendingPathComponent("bot.yaml"), atomically: true, encoding: .utf8)
        #expect(try await eventually { counter.current >= 1 })
    }

    @Test func filesInNewSubdirectoriesAreSeen() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withWatcher(on: dir) { counter in
            let sub = dir.appendingPathComponent("team/alice")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            #expect(try await eventually { counter.current >= 1 })
            let seen = counter.current
            try await Task.sleep(for: .milliseconds(300))
            try "a: 1".write(to: sub.appendingPathComponent("bot.yaml"), atomically: true, encoding: .utf8)
            #expect(try await eventually { counter.current > seen })
        }
    }

    @Test func aSymlinkSwappedIntoPlaceIsSeen() async throws {
        let base = try tempDir()
        defer { try? FileManager.default.removeItem(at: base) }
        let revA = base.appendingPathComponent("rev-a")
        let revB = base.appendingPathComponent("rev-b")
        try FileManager.default.createDirectory(at: revA, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: revB, withIntermediateDirectories: true)
        let link = base.appendingPathComponent("manifests")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: revA)
        try await withWatcher(on: link) { counter in
            // git-sync: make the new link beside the old one, then rename it over it.
            let next = base.appendingPathComponent("manifests.tmp")
            try FileManager.default.createSymbolicLink(at: next, withDestinationURL: revB)
            #expect(rename(next.path, link.path) == 0)
            #expect(try await eventually { counter.current >= 1 })
        }
    }

    @Test func dotDirectoriesAreNotWatched() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git/objects"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("prod"), withIntermediateDirectories: true)
        let watched = InotifyWatch.directories(under: dir.path).map { String($0.dropFirst(dir.path.count)) }
        #expect(watched.sorted() == ["", "/prod"])
    }
}
