import AsyncAlgorithms
import Foundation
import Logging

/// Tells the reconcile loop that the manifests changed: one signal per burst of file events,
/// after the tree has been quiet for `debounce` (a Git checkout rewrites many files at once).
public struct ManifestWatcher: Sendable {
    public var path: String
    public var debounce: Duration

    public init(path: String, debounce: Duration = .milliseconds(100)) {
        self.path = path
        self.debounce = debounce
    }

    /// Calls `onChange` after each quiet burst until the task is cancelled.
    public func run(logger: Logger, onChange: @Sendable () async -> Void) async throws {
        let watch = try InotifyWatch(root: path)
        defer { watch.stop() }
        logger.debug("watching manifests", metadata: ["path": "\(path)"])
        for await _ in watch.events.debounce(for: debounce) {
            logger.debug("manifests changed", metadata: ["path": "\(path)"])
            await onChange()
        }
    }
}
