@testable import BotpoolController
import BotpoolManifest
import Foundation
import Testing

/// `fromFile` reads only below `<secrets-dir>/<tenant>/`: alice's manifest cannot hand bob's
/// secret, the status token or a host file to alice's bot.
@Suite struct SecretFilesTests {
    func bot(_ tenant: String, reading path: String) -> Bot {
        Bot(name: "b", tenant: tenant,
            spec: BotSpec(poolClass: "c", command: ["run"], env: [EnvVar(name: "KEY", value: .fromFile(path: path))]))
    }

    @Test func aTenantReadsItsOwnSecretsOnly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for tenant in ["alice", "bob"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(tenant), withIntermediateDirectories: true)
            try "\(tenant)'s key\n".write(to: root.appendingPathComponent("\(tenant)/key"), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("alice/stolen").path,
                                                   withDestinationPath: root.appendingPathComponent("bob/key").path)
        let dir = root.path
        let own = SecretFiles.read([bot("alice", reading: dir + "/alice/key")], secretsDir: dir)
        #expect(own.values.values.first?["KEY"] == "alice's key")
        #expect(own.problems.isEmpty)
        for path in [dir + "/bob/key", dir + "/alice/../bob/key", dir + "/alice/stolen", "/etc/hostname", dir + "/alice"] {
            let read = SecretFiles.read([bot("alice", reading: path)], secretsDir: dir)
            #expect(read.values.isEmpty, "\(path) was read")
            let problem = read.problems.values.first ?? ""
            #expect(problem.contains("is outside \(dir)/alice/"), "\(path): \(problem)")
        }
    }
}
