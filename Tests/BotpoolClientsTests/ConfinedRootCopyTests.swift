import BotpoolClients
import Foundation
import Testing

/// `adopt` copies a legacy container's data, which its bot wrote, as root on the host: the copy
/// must neither follow what the bot planted nor hang on it.
@Suite struct ConfinedRootCopyTests {
    private static func withWorld(_ body: (String, ConfinedRoot) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("confined-copy-\(UUID().uuidString)").path
        for directory in ["source/user_data/strategies", "outside", "root/bots/b1"] {
            try FileManager.default.createDirectory(atPath: path + "/" + directory, withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path, ConfinedRoot(path + "/root"))
    }

    private static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func copiesFilesDirectoriesAndModes() throws {
        try Self.withWorld { base, root in
            let source = base + "/source/user_data"
            try Data("{\"a\": 1}".utf8).write(to: URL(fileURLWithPath: source + "/config.json"))
            try Data(repeating: 7, count: 200_000).write(to: URL(fileURLWithPath: source + "/strategies/big.bin"))
            chmod(source + "/config.json", 0o640)
            chmod(source + "/strategies", 0o750)
            chmod(source + "/strategies/big.bin", 0o4755)  // setuid: not kept

            let skipped = try root.copyTree(from: source, to: "bots/b1/user_data")
            #expect(skipped.isEmpty)
            let copy = root.absolute("bots/b1/user_data")
            #expect(FileManager.default.contents(atPath: copy + "/config.json") == Data("{\"a\": 1}".utf8))
            #expect(FileManager.default.contents(atPath: copy + "/strategies/big.bin") == Data(repeating: 7, count: 200_000))
            #expect(try Self.mode(copy + "/config.json") == 0o640)
            #expect(try Self.mode(copy + "/strategies") == 0o750)
            #expect(try Self.mode(copy + "/strategies/big.bin") == 0o755)
        }
    }

    /// `secret -> /outside/secret` planted by the bot stays a link: the host file's bytes are
    /// never read into the copy, where the new bot could read them.
    @Test func aSymlinkIsCopiedAsALinkNotFollowed() throws {
        try Self.withWorld { base, root in
            try Data("host secret".utf8).write(to: URL(fileURLWithPath: base + "/outside/secret"))
            try FileManager.default.createSymbolicLink(atPath: base + "/source/user_data/secret", withDestinationPath: base + "/outside/secret")
            try FileManager.default.createSymbolicLink(atPath: base + "/source/user_data/dir", withDestinationPath: base + "/outside")

            #expect(try root.copyTree(from: base + "/source/user_data", to: "bots/b1/user_data").isEmpty)
            let copy = root.absolute("bots/b1/user_data")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: copy + "/secret") == base + "/outside/secret")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: copy + "/dir") == base + "/outside")
            #expect(try FileManager.default.contentsOfDirectory(atPath: base + "/outside") == ["secret"])
        }
    }

    /// A FIFO would block a plain copy's read forever, with the old container already stopped:
    /// it is left out and named, and the copy finishes.
    @Test func aFIFOAndASocketAreLeftOutAndNamed() throws {
        try Self.withWorld { base, root in
            let source = base + "/source/user_data"
            #expect(mkfifo(source + "/strategies/pipe", 0o644) == 0)
            let socketPath = source + "/sock"
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in socketPath.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            try #require(bound == 0)
            try Data("x".utf8).write(to: URL(fileURLWithPath: source + "/strategies/keep.py"))

            let skipped = try root.copyTree(from: source, to: "bots/b1/user_data")
            #expect(skipped == ["sock", "strategies/pipe"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.absolute("bots/b1/user_data/strategies")) == ["keep.py"])
        }
    }

    /// The destination is walked like every other write beneath the root.
    @Test func aSymlinkedDestinationIsRefused() throws {
        try Self.withWorld { base, root in
            try FileManager.default.createSymbolicLink(atPath: root.absolute("bots/b2"), withDestinationPath: base + "/outside")
            #expect(throws: AtomicFile.Failure.self) {
                try root.copyTree(from: base + "/source/user_data", to: "bots/b2/user_data")
            }
            try FileManager.default.createSymbolicLink(atPath: root.absolute("bots/b1/user_data"), withDestinationPath: base + "/outside")
            #expect(throws: AtomicFile.Failure.self) {
                try root.copyTree(from: base + "/source/user_data", to: "bots/b1/user_data")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: base + "/outside").isEmpty)
        }
    }

    /// A single mounted file (`-v /srv/b1/config.json:/freqtrade/config.json`) is copied too.
    @Test func aSingleFileSourceIsCopied() throws {
        try Self.withWorld { base, root in
            try Data("{}".utf8).write(to: URL(fileURLWithPath: base + "/source/config.json"))
            #expect(try root.copyTree(from: base + "/source/config.json", to: "bots/b1/config.json").isEmpty)
            #expect(FileManager.default.contents(atPath: root.absolute("bots/b1/config.json")) == Data("{}".utf8))
        }
    }
}
