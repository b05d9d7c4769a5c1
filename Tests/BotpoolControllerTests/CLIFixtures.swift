import Foundation

/// Manifests and scratch directories for the command tests (no Docker).
enum CLIFixtures {
    static func poolClass(_ name: String = "clitest", basePort: Int = 19600) -> String {
        """
        apiVersion: botpool/v1
        kind: PoolClass
        metadata:
          name: \(name)
        spec:
          image: botpool/pool:dev
          maxBots: 10
          basePort: \(basePort)
          publish: 127.0.0.1

        """
    }

    static func bot(_ name: String, tenant: String? = nil, poolClass: String = "clitest", greeting: String = "hi") -> String {
        """
        apiVersion: botpool/v1
        kind: Bot
        metadata:
          name: \(name)\(tenant.map { "\n  tenant: \($0)" } ?? "")
        spec:
          poolClass: \(poolClass)
          command: ["sleep", "3600"]   # \(greeting)
          env:
            GREETING: "\(greeting)"

        """
    }

    /// A fresh directory, removed by `body`'s caller via the returned cleanup.
    static func withScratch<T>(_ body: (_ root: String) throws -> T) rethrows -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("botpool-cli-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: root + "/manifests", withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: root + "/new", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        return try body(root)
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    static func read(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }
}
