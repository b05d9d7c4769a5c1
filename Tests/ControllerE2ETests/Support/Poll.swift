import Foundation

enum Poll {
    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    /// Calls `check` every `interval` until it returns a value or `seconds` pass.
    @discardableResult
    static func until<T>(_ what: String, seconds: Double, interval: Duration = .milliseconds(200),
                         _ check: () async throws -> T?) async throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let value = try await check() { return value }
            if Date() > deadline { throw Timeout(description: "timed out after \(seconds)s waiting for \(what)") }
            try await Task.sleep(for: interval)
        }
    }
}
