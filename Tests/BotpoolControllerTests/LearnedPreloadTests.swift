import BotpoolController
import Foundation
import Testing

/// The learned list comes from a pool's status file: hostile input, kept only as module names.
@Suite struct LearnedPreloadTests {
    static func statusFile(_ learned: [String], pid: Int = 7, bytes: Int = 5 << 20) throws -> Data {
        try JSONSerialization.data(withJSONObject: [
            "pid": pid, "python": "/p", "version": "3.11", "preload": [String](), "preloadSeconds": 0.1,
            "frozenObjects": 1, "learn": true, "learned": learned, "learnedBytes": bytes,
        ])
    }

    static func layout() throws -> StateLayout {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("learned-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("pools/p0/run"), withIntermediateDirectories: true)
        return StateLayout(root: root)
    }

    @Test func onlyModuleNamesAreKeptFromWhatAPoolReports() throws {
        let layout = try Self.layout()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let names = ["uvicorn.main", "../../etc/passwd", "os; import evil", "uvicorn.main", "a-b", String(repeating: "x", count: 300), "pandas"]
        try Self.statusFile(names).write(to: layout.runDir(pool: "p0").appendingPathComponent("zygote.json"))
        let learned = try #require(LearnedPreload.reported(by: "p0", pid: 7, layout: layout))
        #expect(learned.modules == ["uvicorn.main", "pandas"])
        #expect(learned.learnedBytes == 5 << 20)
        #expect(learned.pool == "p0")
        #expect(LearnedPreload.reported(by: "p0", pid: 8, layout: layout) == nil, "a file an earlier zygote wrote")
    }

    @Test func theListIsBounded() throws {
        let layout = try Self.layout()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try Self.statusFile((0..<5000).map { "m\($0)" }).write(to: layout.runDir(pool: "p0").appendingPathComponent("zygote.json"))
        #expect(LearnedPreload.reported(by: "p0", pid: nil, layout: layout)?.modules.count == 4000)
    }

    @Test func aRecordRoundTripsUnderTheClassDir() throws {
        let layout = try Self.layout()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        #expect(LearnedPreload.recorded(for: "ft", layout: layout) == nil)
        let learned = LearnedPreload(modules: ["uvicorn.main", "no such/name"], learnedBytes: -3, pool: "p0")
        #expect(learned.modules == ["uvicorn.main"])
        #expect(learned.learnedBytes == 0)
        try learned.record(for: "ft", layout: layout)
        #expect(LearnedPreload.recorded(for: "ft", layout: layout) == learned)
        #expect(FileManager.default.fileExists(atPath: layout.root.appendingPathComponent("classes/ft/learned-preload.json").path))
    }
}
