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
}
