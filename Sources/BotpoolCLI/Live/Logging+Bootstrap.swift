import ArgumentParser
import Foundation
import Logging
import Synchronization

enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

enum LogSetup {
    private static let done = Mutex(false)

    /// Logs go to stderr, as text (key=value metadata) or one JSON object a line. swift-log
    /// allows one bootstrap per process; later calls (tests running commands) keep the first.
    static func bootstrap(format: LogFormat, level: Logger.Level) -> Logger {
        let first = done.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else {
            var logger = Logger(label: "botpool")
            logger.logLevel = level
            return logger
        }
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
        return Logger(label: "botpool")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// One JSON object per line: `time`, `level`, `message`, then the metadata keys (`bot`, `pool`, …).
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: [String: String] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            object[key] = "\(value)"
        }
        object["time"] = ISO8601DateFormatter().string(from: Date())
        object["level"] = event.level.rawValue
        object["message"] = "\(event.message)"
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}
