import BotpoolManifest
import Foundation
import Testing

/// Manifest texts and helpers shared by the validation tests.
enum Fixtures {
    /// A valid class the bot fixtures use: ports 9000-9199, memoryLimit 1Gi.
    static let quickClass = """
        apiVersion: botpool/v1
        kind: PoolClass
        metadata:
          name: quick
        spec:
          image: botpool/pool:dev
          basePort: 9000
          memoryLimit: 1Gi

        """

    /// Lines 1-5 of a Bot document; its spec fields start on line 6.
    static let botHeader = """
        apiVersion: botpool/v1
        kind: Bot
        metadata:
          name: b
        spec:

        """

    /// A Bot document whose spec starts `poolClass: quick` (line 6), `command: [run]` (line 7),
    /// then `extra` from line 8.
    static func bot(_ extra: String = "") -> String {
        botHeader + "  poolClass: quick\n  command: [run]\n" + extra
    }

    /// Lines 1-7 of a PoolClass `other` (image line 6, basePort 20000 on line 7), then `extra`.
    static func poolClass(_ extra: String = "") -> String {
        """
        apiVersion: botpool/v1
        kind: PoolClass
        metadata:
          name: other
        spec:
          image: img
          basePort: 20000

        """ + extra
    }

    /// Loads `text` as `m.yaml` after `classes.yaml` holding `quickClass`.
    static func load(_ text: String) -> ManifestSet {
        ManifestLoader().load(sources: [
            ManifestSource(path: "classes.yaml", text: quickClass),
            ManifestSource(path: "m.yaml", text: text),
        ])
    }

    static func load(files: [(String, String)]) -> ManifestSet {
        ManifestLoader().load(sources: files.map { ManifestSource(path: $0.0, text: $0.1) })
    }

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh temporary directory, removed after `body`.
    static func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("botpool-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        try body(url)
    }
}

extension Diagnostic {
    /// `line:col path: message` without the file, for compact expectations.
    var brief: String { "\(location.line):\(location.column) \(path): \(message)" }
}
