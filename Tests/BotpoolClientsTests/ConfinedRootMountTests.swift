import BotpoolClients
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Shared pools see a bot's data dir through a bind onto its slot. The binds are made on the
/// host, by root, beneath the state dir: they must never land where a link points, and no
/// removal may delete through one. (Real mounts: the suite runs as root, like the controller.)
@Suite struct ConfinedRootMountTests {
    private static func withRoot(_ body: (String, ConfinedRoot) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mounts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/outside", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/root", withIntermediateDirectories: true)
        let root = ConfinedRoot(path + "/root")
        defer {
            for slot in ["slots/0", "slots/1", "slots"] { try? root.unmount(slot) }
            try? FileManager.default.removeItem(atPath: path)
        }
        try root.makeDirectories("data/alice", permissions: 0o700)
        try root.makeDirectories("data/bob", permissions: 0o700)
        try root.write(Data("alice's".utf8), at: "data/alice/db.sqlite", permissions: 0o600)
        try root.write(Data("bob's".utf8), at: "data/bob/db.sqlite", permissions: 0o600)
        try root.makeDirectories("slots/0", permissions: 0)
        try root.makeDirectories("slots/1", permissions: 0)
        try body(path, root)
    }

    @Test func aBindShowsItsSourceOnceAndUnmountsCleanly() throws {
        try Self.withRoot { _, root in
            #expect(try root.isMountPoint("slots/0") == false)
            try root.bind("data/alice", onto: "slots/0")
            #expect(try root.isMountPoint("slots/0"))
            #expect(root.sameDirectory("slots/0", "data/alice"))
            #expect(root.read("slots/0/db.sqlite", maxBytes: 100) == Data("alice's".utf8))
            try root.bind("data/alice", onto: "slots/0")
            try root.unmount("slots/0")
            #expect(try root.isMountPoint("slots/0") == false, "a second bind of the same dir stacked a mount")
            #expect(root.contentsOfDirectory("slots/0").isEmpty)
            #expect(root.read("data/alice/db.sqlite", maxBytes: 100) == Data("alice's".utf8))
            try root.unmount("slots/0")
            try root.unmount("slots/missing")
        }
    }

    @Test func bindingAnotherBotOntoASlotReplacesWhatItShowed() throws {
        try Self.withRoot { _, root in
            try root.bind("data/alice", onto: "slots/0")
            try root.bind("data/bob", onto: "slots/0")
            #expect(root.read("slots/0/db.sqlite", maxBytes: 100) == Data("bob's".utf8))
            try root.unmount("slots/0")
            #expect(try root.isMountPoint("slots/0") == false)
        }
    }

    /// The tree removal of a pool dir stops at a bound slot: the bot's data is not emptied.
    @Test func removingATreeNeverDeletesThroughAMountPoint() throws {
        try Self.withRoot { _, root in
            try root.bind("data/alice", onto: "slots/1")
            #expect(throws: AtomicFile.Failure.self) { try root.removeTree("slots") }
            #expect(root.read("data/alice/db.sqlite", maxBytes: 100) == Data("alice's".utf8))
            try root.unmount("slots/1")
            try root.removeTree("slots")
            #expect(root.isDirectory("slots") == false)
            #expect(root.read("data/alice/db.sqlite", maxBytes: 100) == Data("alice's".utf8))
        }
    }

    /// A slot (or a data dir) replaced by a link: the bind fails and nothing is mounted where
    /// the link points.
    @Test func aLinkOnEitherEndIsNotFollowed() throws {
        try Self.withRoot { base, root in
            try FileManager.default.removeItem(atPath: root.absolute("slots/1"))
            try FileManager.default.createSymbolicLink(atPath: root.absolute("slots/1"), withDestinationPath: base + "/outside")
            #expect(throws: AtomicFile.Failure.self) { try root.bind("data/alice", onto: "slots/1") }
            try FileManager.default.createSymbolicLink(atPath: root.absolute("data/eve"), withDestinationPath: base + "/outside")
            #expect(throws: AtomicFile.Failure.self) { try root.bind("data/eve", onto: "slots/0") }
            #expect(try root.isMountPoint("slots/0") == false)
            #expect(try FileManager.default.contentsOfDirectory(atPath: base + "/outside").isEmpty)
            let outside = ConfinedRoot(base)
            #expect(try outside.isMountPoint("outside") == false)
        }
    }

    /// The slots dir becomes a shared mount point (so a container's `rslave` bind of it sees
    /// later binds), once however often it is prepared. Both are checked by behaviour, not by
    /// reading /proc/self/mountinfo (read while other tests mount and unmount, it missed the
    /// entry under load): a peer bind of `slots` sees a bind made later beneath `slots`, and one
    /// detach of `slots` leaves it no mount point.
    @Test func aSharedMountPointIsMadeOnce() throws {
        try Self.withRoot { _, root in
            try root.makeSharedMountPoint("slots")
            try root.makeSharedMountPoint("slots")
            #expect(try root.isMountPoint("slots"))
            try root.makeDirectories("peer", permissions: 0o700)
            #expect(mount(root.absolute("slots"), root.absolute("peer"), nil, UInt(MS_BIND), nil) == 0)
            defer { umount2(root.absolute("peer"), Int32(MNT_DETACH)) }
            try root.bind("data/bob", onto: "slots/0")
            #expect(root.read("slots/0/db.sqlite", maxBytes: 100) == Data("bob's".utf8))
            #expect(root.read("peer/0/db.sqlite", maxBytes: 100) == Data("bob's".utf8), "the bind did not propagate to a peer")
            try root.unmount("slots/0")
            #expect(root.read("peer/0/db.sqlite", maxBytes: 100) == nil, "the detach did not propagate to a peer")
            #expect(umount2(root.absolute("slots"), Int32(MNT_DETACH)) == 0)
            #expect(try root.isMountPoint("slots") == false, "slots was bound onto itself more than once")
        }
    }
}
