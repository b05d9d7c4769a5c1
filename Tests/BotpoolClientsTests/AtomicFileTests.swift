import BotpoolClients
import Foundation
import Testing

@Suite struct AtomicFileTests {
    @Test func writesReplaceTheFileAndLeaveNoTemporaryBehind() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bot.conf").path
        try AtomicFile.write(Data("one\n".utf8), to: path)
        try AtomicFile.write(Data("two\n".utf8), to: path, permissions: 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["bot.conf"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// A file name with no directory (it used to trap in Foundation finding "its" directory).
    @Test func aRelativeOneComponentPathIsWrittenInTheWorkingDirectory() throws {
        let name = "atomic-relative-\(UUID().uuidString.prefix(8)).txt"
        defer { try? FileManager.default.removeItem(atPath: name) }
        try AtomicFile.write(Data("here\n".utf8), to: name)
        let inWorkingDirectory = FileManager.default.currentDirectoryPath + "/" + name
        #expect(try String(contentsOfFile: inWorkingDirectory, encoding: .utf8) == "here\n")
    }

    /// Staged content is on disk under a hidden name and the file is untouched until commit;
    /// a discarded stage leaves nothing behind.
    @Test func stagedWritesChangeNothingUntilCommitted() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("config.json").path
        try AtomicFile.write("old\n", to: path)
        let kept = try AtomicFile.stage(Data("new\n".utf8), for: path)
        let dropped = try AtomicFile.stage(Data("never\n".utf8), for: dir.appendingPathComponent("other").path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 3)
        dropped.discard()
        try [kept].commitAll()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["config.json"])
    }

    @Test func aStageThatCannotBeWrittenFailsAndLeavesNothing() throws {
        #expect(throws: AtomicFile.Failure.self) {
            _ = try AtomicFile.stage(Data("x".utf8), for: "/nonexistent-botpool-dir/file")
        }
    }
}
