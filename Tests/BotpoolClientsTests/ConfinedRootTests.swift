import BotpoolClients
import Foundation
import Testing

/// A pool writes in its data dirs and run dir; the controller, root on the host, writes there
/// too. Every symlink a pool can plant must fail the write, never redirect it.
@Suite struct ConfinedRootTests {
    private static func withRoot(_ body: (String, ConfinedRoot) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("confined-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/outside", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/root", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path, ConfinedRoot(path + "/root"))
    }

    @Test func writesReadsAndRemovesBeneathTheRoot() throws {
        try Self.withRoot { _, root in
            try root.makeDirectories("tenants/alice/bots/b1", permissions: 0o700)
            try root.write(Data("hello".utf8), at: "tenants/alice/bots/b1/config.json", permissions: 0o600)
            #expect(root.read("tenants/alice/bots/b1/config.json", maxBytes: 100) == Data("hello".utf8))
            #expect(root.read("tenants/alice/bots/b1/config.json", maxBytes: 4) == nil)
            #expect(root.contentsOfDirectory("tenants/alice/bots/b1") == ["config.json"])
            let mode = try FileManager.default.attributesOfItem(atPath: root.absolute("tenants/alice/bots/b1"))[.posixPermissions] as? Int
            #expect(mode == 0o700)
            try root.removeTree("tenants/alice/bots/b1")
            #expect(root.contentsOfDirectory("tenants/alice/bots").isEmpty)
            try root.removeTree("tenants/alice/bots/b1")
        }
    }

    /// `/bots/b1 -> /outside` planted by a bot: writing the bot's `files:` fails, reads see nothing.
    @Test func aSymlinkedDirectoryOnTheWayIsNotFollowed() throws {
        try Self.withRoot { base, root in
            try root.makeDirectories("tenants/alice/bots", permissions: 0o700)
            try FileManager.default.createSymbolicLink(atPath: root.absolute("tenants/alice/bots/b1"), withDestinationPath: base + "/outside")
            #expect(throws: AtomicFile.Failure.self) {
                try root.write(Data("secret".utf8), at: "tenants/alice/bots/b1/config.json")
            }
            #expect(throws: AtomicFile.Failure.self) { try root.makeDirectories("tenants/alice/bots/b1/sub") }
            #expect(try FileManager.default.contentsOfDirectory(atPath: base + "/outside").isEmpty)
            #expect(root.contentsOfDirectory("tenants/alice/bots/b1").isEmpty)
        }
    }

    /// A symlink as the file itself (`config.json -> /etc/shadow`): the rename replaces the link,
    /// reads refuse it, and a socket check sees a link, not a socket.
    @Test func aSymlinkedFileIsReplacedNotWrittenThrough() throws {
        try Self.withRoot { base, root in
            try root.makeDirectories("d")
            try Data("keep".utf8).write(to: URL(fileURLWithPath: base + "/outside/target"))
            try FileManager.default.createSymbolicLink(atPath: root.absolute("d/f"), withDestinationPath: base + "/outside/target")
            #expect(root.read("d/f", maxBytes: 100) == nil)
            #expect(!root.isSocket("d/f"))
            try root.write(Data("new".utf8), at: "d/f")
            #expect(try String(contentsOfFile: base + "/outside/target", encoding: .utf8) == "keep")
            #expect(root.read("d/f", maxBytes: 100) == Data("new".utf8))
        }
    }

    /// `rm -rf` of a data dir that holds a link to outside removes the link, not what it names.
    @Test func removingATreeRemovesLinksInsideItAsLinks() throws {
        try Self.withRoot { base, root in
            try root.makeDirectories("tenants/t/bots/b/deep/er")
            try Data("x".utf8).write(to: URL(fileURLWithPath: base + "/outside/precious"))
            try FileManager.default.createSymbolicLink(atPath: root.absolute("tenants/t/bots/b/deep/link"), withDestinationPath: base + "/outside")
            try root.write(Data("y".utf8), at: "tenants/t/bots/b/deep/er/file")
            try root.removeTree("tenants/t/bots/b")
            #expect(root.contentsOfDirectory("tenants/t/bots").isEmpty)
            #expect(FileManager.default.fileExists(atPath: base + "/outside/precious"))
        }
    }

    /// The tree's own path: `bots/b -> /outside` removes the link only.
    @Test func removingATreeThatIsALinkRemovesTheLink() throws {
        try Self.withRoot { base, root in
            try root.makeDirectories("bots")
            try Data("x".utf8).write(to: URL(fileURLWithPath: base + "/outside/precious"))
            try FileManager.default.createSymbolicLink(atPath: root.absolute("bots/b"), withDestinationPath: base + "/outside")
            try root.removeTree("bots/b")
            #expect(FileManager.default.fileExists(atPath: base + "/outside/precious"))
            #expect(root.contentsOfDirectory("bots").isEmpty)
        }
    }

    @Test func dotDotAndAbsolutePathsAreRefused() throws {
        try Self.withRoot { _, root in
            #expect(throws: AtomicFile.Failure.self) { try root.write(Data(), at: "../outside/x") }
            #expect(throws: AtomicFile.Failure.self) { try root.makeDirectories("a/../../outside") }
            #expect(throws: AtomicFile.Failure.self) { try root.write(Data(), at: "/etc/x") }
            #expect(root.read("../outside", maxBytes: 10) == nil)
        }
    }
}
