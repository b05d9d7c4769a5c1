@testable import BotpoolCLI
import DockerTestSupport
import Foundation
import Testing

/// The completion scripts `botpool --generate-completion-script` prints, checked by each shell's
/// own parser, and the names they complete, asked the way the scripts ask: bash through the
/// script's own function, fish through `complete -C`, both running the built binary.
@Suite struct ShellCompletionTests {
    static let syntaxCheck = ["bash": ["-n"], "zsh": ["-n"], "fish": ["--no-execute"]]

    @Test(arguments: ["bash", "zsh", "fish"])
    func generatedScriptPassesTheShellsSyntaxCheck(shell: String) throws {
        try Self.withManifests { directory throws in
            let script = try Self.script(shell, in: directory)
            #expect(try String(contentsOfFile: script, encoding: .utf8).contains("---completion"),
                    "the \(shell) script calls no custom completion")
            let check = try Command.run(shell, (Self.syntaxCheck[shell] ?? []) + [script])
            #expect(check.status == 0, """
                \(shell) \(Self.syntaxCheck[shell] ?? []) \(script) exited \(check.status) (is \(shell) installed? \
                scripts/setup installs it): \(check.stderr)
                """)
        }
    }

    /// restart, rollout and move take no --manifests (they ask the daemon): their names come from
    /// BOTPOOL_MANIFESTS, which the helpers export; describe and delete read --manifests too.
    @Test func bashCompletesBotsAndTenantsFromTheManifests() throws {
        try Self.withManifests { directory throws in
            let manifests = directory + "/manifests"
            #expect(try Self.bash(["restart", ""], in: directory)
                    == ["web", "worker", "alice/trader", "default/web", "default/worker"])
            #expect(try Self.bash(["restart", "--tenant", "alice", "al"], in: directory)
                    == ["alice/trader"])
            #expect(try Self.bash(["rollout", "--tenant", "alice", ""], in: directory)
                    == ["trader", "alice/trader", "default/web", "default/worker"])
            #expect(try Self.bash(["describe", "bot", "--manifests", manifests, "w"], in: directory) == ["web", "worker"])
            #expect(try Self.bash(["delete", "--manifests", manifests, "bot", ""], in: directory) == ["web", "worker"])
            #expect(try Self.bash(["restart", "--tenant", ""], in: directory) == ["alice", "default"])
        }
    }

    /// fish 3.6 (Debian 12): commands, options and fixed values complete. Live names do not:
    /// swift-argument-parser 1.8's script reads the words with `commandline -o -tC`, which fish
    /// before 4 refuses outside an interactive session, so its custom completions get no words.
    @Test func fishCompletesCommandsOptionsAndValues() throws {
        try Self.withManifests { directory throws in
            let script = try Self.script("fish", in: directory)
            let binDir = URL(fileURLWithPath: try Botpool.executable()).deletingLastPathComponent().path
            let result = try Command.run("fish", ["--no-config", "-c", """
                set -x PATH \(binDir) $PATH; source \(script)
                complete -C "botpool rest"; complete -C "botpool restart --te"; complete -C "botpool get "
                """])
            #expect(result.status == 0, "fish exited \(result.status): \(result.stderr)")
            let words = result.stdout.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
            #expect(words == ["restart", "--tenant", "bots", "pools", "nodes"], "\(result.stdout)")
        }
    }

    /// No Docker, no manifests, a bad token file: no candidates, no words on stderr, exit 0.
    @Test func completionIsSilentWhenNothingAnswers() throws {
        let botpool = try Botpool.executable()
        for line in [["describe", "pool", "--docker-host", "unix:///nonexistent.sock", "--manifests", "/nonexistent", ""],
                     ["restart", "--server", "http://127.0.0.1:1", "--token-file", "/nonexistent", "--manifests", "/nonexistent",
                      "--docker-host", "unix:///nonexistent.sock", ""]] {
            let started = Date()
            let result = try Command.run(botpool, ["---completion", line[0], "--", "positional@\(line[0] == "describe" ? 1 : 0)",
                                                   "\(line.count)", "0", "botpool"] + line)
            #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty,
                    "\(line): exit \(result.status), stdout \(result.stdout), stderr \(result.stderr)")
            #expect(Date().timeIntervalSince(started) < 5, "\(line) took \(Date().timeIntervalSince(started)) s")
        }
    }

    @Test func optionValuesAndPositionalsAreReadFromTheWords() {
        let line = CompletionWords(["botpool", "describe", "--manifests=/m", "pool", "--tenant", "'al ice'", "--tenant-dirs", "p"],
                                   index: 7, command: "describe")
        #expect(line.value("--manifests") == "/m" && line.value("--tenant") == "al ice")
        #expect(line.positionals == ["pool", "p"] && line.positionalIndex == 1)
        #expect(line.commonArguments == ["--manifests", "/m", "--tenant-dirs"])
        let value = CompletionWords(["botpool", "restart", "--tenant", "al"], index: 3, command: "restart")
        #expect(value.positionalIndex == nil && value.value("--tenant") == nil)
    }

    // MARK: helpers

    static let manifests = """
        apiVersion: botpool/v1
        kind: PoolClass
        metadata: {name: comp}
        spec: {image: "botpool/pool:dev", basePort: 29000}
        ---
        apiVersion: botpool/v1
        kind: Bot
        metadata: {name: web}
        spec: {poolClass: comp, command: [sleep, "60"]}
        ---
        apiVersion: botpool/v1
        kind: Bot
        metadata: {name: worker}
        spec: {poolClass: comp, command: [sleep, "60"]}
        ---
        apiVersion: botpool/v1
        kind: Bot
        metadata: {name: trader, tenant: alice}
        spec: {poolClass: comp, command: [sleep, "60"]}

        """

    static func withManifests(_ body: (String) throws -> Void) throws {
        let directory = NSTemporaryDirectory() + "botpool-completion-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory + "/manifests", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try manifests.write(toFile: directory + "/manifests/bots.yaml", atomically: true, encoding: .utf8)
        try body(directory)
    }

    /// The script for `shell`, as the binary prints it, saved in `directory`.
    static func script(_ shell: String, in directory: String) throws -> String {
        let result = try Command.run(try Botpool.executable(), ["--generate-completion-script", shell])
        guard result.status == 0, !result.stdout.isEmpty else {
            Issue.record("--generate-completion-script \(shell) exited \(result.status): \(result.stderr)")
            throw CocoaError(.fileReadCorruptFile)
        }
        let path = directory + "/botpool." + shell
        try result.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// What bash's completion of `botpool WORDS…` (cursor at the end of the last word) offers.
    /// The state dir is one no controller uses, so Docker has no pools for it.
    static func bash(_ words: [String], in directory: String) throws -> [String] {
        let script = try script("bash", in: directory)
        let line = ([try Botpool.executable()] + words).map { "'\($0)'" }
        let result = try Command.run("bash", ["-c", """
            export BOTPOOL_STATE_DIR=\(directory)/state BOTPOOL_MANIFESTS=\(directory)/manifests
            source \(script)
            COMP_WORDS=(\(line.joined(separator: " ")))
            COMP_CWORD=\(words.count)
            COMP_LINE="${COMP_WORDS[*]}"
            COMP_POINT=${#COMP_LINE}
            _botpool botpool "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """])
        #expect(result.status == 0 && result.stderr.isEmpty, "bash completion of \(words): \(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }
}
