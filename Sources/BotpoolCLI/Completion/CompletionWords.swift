import Foundation

/// The shell words a completion request carries (`botpool restart --server URL al`), read for
/// the options that say where live state is: the same manifests, state dir, Docker host and
/// daemon the command itself would use once it runs.
struct CompletionWords: Sendable {
    /// Option name → the last value given on the line, quotes and a leading `~/` undone.
    var values: [String: String] = [:]
    /// The words that are not options or option values, after the command's own name.
    var positionals: [String] = []
    /// Which of `positionals` the word being completed is (nil when it is an option's value).
    var positionalIndex: Int?
    /// Flags on the line (`--tenant-dirs`).
    var flags: Set<String> = []

    /// Options of botpool's commands that take a value (every other `--x` is a flag).
    static let valueOptions: Set<String> = [
        "--manifests", "--state-dir", "--docker-host", "--secrets-dir", "--backend", "--swarm-instance",
        "--swarm-channel", "--swarm-control-image", "--server", "--token-file", "--tenant", "--output", "-o",
        "--to", "--filename", "-f", "--timeout",
    ]

    /// `words` as ArgumentParser passes them to a custom completion (the shell's words, verbatim,
    /// `botpool` first); `index` is the word being completed; `command` the subcommand's name.
    init(_ words: [String], index: Int, command: String) {
        var seenCommand = false
        var awaitingValue: String?
        for (offset, raw) in words.enumerated() {
            let word = Self.unquoted(raw)
            let current = offset == index
            if let option = awaitingValue {
                awaitingValue = nil
                if !current { values[option] = word }
                continue
            }
            if !seenCommand {
                seenCommand = offset > 0 && word == command
                continue
            }
            if word.hasPrefix("-"), word != "-" {
                if let equals = word.firstIndex(of: "="), Self.valueOptions.contains(String(word[..<equals])) {
                    if !current { values[String(word[..<equals])] = String(word[word.index(after: equals)...]) }
                } else if Self.valueOptions.contains(word) {
                    if !current { awaitingValue = word }
                } else if !current {
                    flags.insert(word)
                }
                continue
            }
            if current { positionalIndex = positionals.count }
            positionals.append(word)
        }
        if seenCommand, index >= words.count, awaitingValue == nil { positionalIndex = positionals.count }
    }

    func value(_ option: String) -> String? { values[option] }

    /// The argv `CommonOptions.parse` reads: only the options it knows, so it takes its own
    /// environment fallbacks and defaults for the rest.
    var commonArguments: [String] {
        ["--manifests", "--state-dir", "--docker-host", "--secrets-dir", "--backend", "--swarm-instance"]
            .flatMap { option in values[option].map { [option, $0] } ?? [] }
            + (flags.contains("--tenant-dirs") ? ["--tenant-dirs"] : [])
    }

    /// Shell words come verbatim: `"a b"`, `'a b'` and `~/x` as typed.
    static func unquoted(_ word: String) -> String {
        var text = word
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            text = String(text.dropFirst().dropLast())
        }
        if text.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            text = home + text.dropFirst()
        }
        return text
    }
}
