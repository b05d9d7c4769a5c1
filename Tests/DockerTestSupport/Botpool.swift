import Foundation
import Testing

/// The `botpool` executable that `swift build` (and `make test`) leaves in `.build/debug`.
public enum Botpool {
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func executable(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [packageRoot.appendingPathComponent(".build/debug/botpool").path]
        for url in sequence(first: beside, next: { $0.pathComponents.count > 1 ? $0.deletingLastPathComponent() : nil }) {
            candidates.insert(url.appendingPathComponent("botpool").path, at: 0)
            if url.lastPathComponent == "debug" || url.lastPathComponent == "release" { break }
        }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        Issue.record("botpool executable not found (looked in \(candidates)): run `swift build` or `make test` first",
                     sourceLocation: sourceLocation)
        throw DockerTestError.notReady
    }
}
