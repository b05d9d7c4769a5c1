import Foundation
import DockerTestSupport

enum Poll {
    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    /// Calls `check` every `interval` until it returns a value or `seconds` pass.
    @discardableResult
    static func until<T>(_ what: String, seconds: Double, interval: Duration = .milliseconds(200),
                         _ check: () async throws -> T?) async throws -> T {
        let limit = Patience.seconds(seconds)
        let deadline = Date().addingTimeInterval(limit)
        while true {
            if let value = try await check() { return value }
            if Date() > deadline { throw Timeout(description: "timed out after \(limit)s waiting for \(what)") }
            try await Task.sleep(for: interval)
        }
    }
}
