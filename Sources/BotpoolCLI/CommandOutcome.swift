import ArgumentParser
import Foundation

/// What a command prints and how it exits, computed without printing so tests can check it.
struct CommandOutcome: Sendable, Equatable {
    var stdout = ""
    var stderr = ""
    var exitCode: Int32 = 0

    static func failure(_ message: String, exitCode: Int32 = 1) -> CommandOutcome {
        CommandOutcome(stderr: message.hasSuffix("\n") ? message : message + "\n", exitCode: exitCode)
    }

    mutating func say(_ line: String) {
        stdout += line.hasSuffix("\n") ? line : line + "\n"
    }

    mutating func warn(_ line: String) {
        stderr += line.hasSuffix("\n") ? line : line + "\n"
    }

    /// Prints both streams and exits with the code unless it is 0.
    func emit() throws {
        if !stdout.isEmpty { FileHandle.standardOutput.write(Data(stdout.utf8)) }
        if !stderr.isEmpty { FileHandle.standardError.write(Data(stderr.utf8)) }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
