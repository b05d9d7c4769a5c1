import ArgumentParser
import Foundation

/// A file holding bearer tokens: the daemon's `--token-file` and `--tenant-tokens`, and the
/// token a client sends with `--server`.
enum TokenFile {
    /// The token with surrounding whitespace removed; nil when no file is given.
    static func read(_ path: String?, option: String = "--token-file") throws -> String? {
        guard let path else { return nil }
        let token = try text(path, option: option).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw ValidationError("\(option) \(path) is empty") }
        return token
    }

    static func text(_ path: String, option: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("\(option) \(path): cannot read it")
        }
        return text
    }

    /// Refuses a file that group or others may read or write (mode & 0o077), as ssh does with
    /// a private key: whoever reads it has the API, whoever writes it chooses the token.
    static func requirePrivate(_ path: String, option: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ValidationError("\(option) \(path): cannot read it") }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw ValidationError("\(option) \(path) has mode 0\(String(mode, radix: 8)): group or others may read or write it; "
                                  + "chmod 600 \(path)")
        }
    }
}
