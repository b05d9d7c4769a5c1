import Foundation

extension Process {
    /// Starts the process with stdout and stderr going to `log` (created empty first), for a
    /// test to print when the process misbehaves.
    func run(loggingTo log: URL) throws {
        try Data().write(to: log)
        let handle = try FileHandle(forWritingTo: log)
        standardOutput = handle
        standardError = handle
        try run()
    }
}
