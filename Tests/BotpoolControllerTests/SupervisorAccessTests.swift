import BotpoolClients
import BotpoolController
import Foundation
import Testing

/// How the controller finds a pool's supervisord, for both layouts, and what it refuses.
@Suite struct SupervisorAccessTests {
    private static func withLayout(_ body: (StateLayout) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("access-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try body(StateLayout(root: root))
    }

    @Test func aCurrentPoolIsReachedInItsRunDirAndALayoutOnePoolInItsOneDir() throws {
        try Self.withLayout { layout in
            try layout.confined.makeDirectories(StateLayout.runPath(pool: "new"))
            try layout.confined.makeDirectories(StateLayout.legacySupervisorPath(pool: "old") + "/conf.d")
            let access = SupervisorAccess(layout: layout, key: ControllerKey(bytes: Data(repeating: 7, count: 32)))
            #expect(!access.isLegacy(pool: "new"))
            #expect(access.isLegacy(pool: "old"))
            #expect(access.programConfigPath(pool: "new") == "pools/new/config")
            #expect(access.programConfigPath(pool: "old") == "pools/old/supervisor")
        }
    }

    /// No socket, or a symlink where the socket should be: no client at all.
    @Test func aMissingOrLinkedSocketGivesNoClient() throws {
        try Self.withLayout { layout in
            try layout.confined.makeDirectories(StateLayout.runPath(pool: "p"))
            let access = SupervisorAccess(layout: layout, key: nil)
            #expect(throws: ControllerError.self) { _ = try access.client(pool: "p", timeout: .seconds(1)) }
            try FileManager.default.createSymbolicLink(atPath: layout.supervisorSocket(pool: "p").path,
                                                       withDestinationPath: "/var/run/docker.sock")
            #expect(throws: ControllerError.self) { _ = try access.client(pool: "p", timeout: .seconds(1)) }
        }
    }
}
