@testable import BotpoolClients
import BotpoolManifest
import Testing

@Suite struct ProgramWriterTests {
    static let fingerprint = SpecFingerprint(components: ["command": 0x1234_5678, "env.A": 1]).encoded

    static func program(argv: [String] = ["freqtrade", "trade"], env: [String: String] = [:]) -> Supervisor.BotProgram {
        Supervisor.BotProgram(name: "btc-dca", argv: argv, env: env, directory: "/bots/btc-dca", fingerprint: fingerprint)
    }

    @Test func rendersOneProgramSection() throws {
        let text = try Supervisor.ProgramWriter.render(Self.program(env: ["BOTPOOL_PORT": "9000"]))
        let lines = text.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("[") } == ["[program:btc-dca]"])
        #expect(lines.contains("command=/usr/bin/env BOTPOOL_SPEC=\(Self.fingerprint) 'BOTPOOL_PORT=9000' 'freqtrade' 'trade'"))
        #expect(lines.contains("directory=/bots/btc-dca"))
        #expect(lines.contains("autorestart=false"))
        #expect(lines.contains("startretries=0"))
        #expect(lines.contains("stdout_logfile=/botpool/run/logs/btc-dca.log"))
        #expect(Supervisor.ProgramWriter.relativePath(for: "btc-dca") == "conf.d/btc-dca.conf")
    }

    @Test func quotingDefusesEveryLayer() {
        let word = { (text: String) in Supervisor.ConfigQuoting.word(text) }
        #expect(word("") == "''")
        #expect(word("a b") == "'a b'")
        #expect(word("it's") == #"'it'\''s'"#)
        #expect(word("50%") == "'50'%%")
        #expect(word("%(here)s") == "%%'(here)s'")
        #expect(word("a ;b #c") == ##"'a '\;'b '\#'c'"##)
        #expect(word(#"\"$HOME,[x]"#) == #"'\"$HOME,[x]'"#)
    }

    @Test func hostileValuesRoundTripThroughTheCommand() throws {
        let argv = ["python3", "-c", "print(1)", "%(here)s", "%%", "\"", "'", "\\", ";x", " ;", " #", "a,b", "[program:x]",
                    "$HOME", "  two  spaces ", "ünï ☃ 𝄞", "", "'\u{301}", "\t"]
        let env = ["HOSTILE": "a ;b #c %(here)s '\" \\ , [x]", "EMPTY": "", "EQ": "a=b=c"]
        let text = try Supervisor.ProgramWriter.render(Self.program(argv: argv, env: env))
        let command = try #require(text.split(separator: "\n").first { $0.hasPrefix("command=") })
        #expect(!command.contains("%(here)s"))
        // What supervisord sees after %-expansion is the command with %% halved.
        let expanded = command.dropFirst("command=".count).replacingOccurrences(of: "%%", with: "%")
        let parsed = try #require(Supervisor.ProgramCommand(parsing: expanded))
        #expect(parsed.argv == argv)
        #expect(parsed.env == env)
        #expect(parsed.fingerprintText == Self.fingerprint)
    }

    @Test func refusesWhatCannotBeWritten() {
        let cases: [Supervisor.BotProgram] = [
            Self.program(argv: ["a", "line\nbreak"]),
            Self.program(argv: ["a", "cr\rhere"]),
            Self.program(argv: ["a", "nul\u{0}"]),
            Self.program(argv: []),
            Self.program(argv: ["A=1"]),
            Self.program(env: ["BAD=NAME": "x"]),
            Self.program(env: ["BOTPOOL_SPEC": "forged"]),
            Self.program(env: ["X": "a\nb"]),
            Supervisor.BotProgram(name: "x]\n[program:y", argv: ["a"], env: [:], directory: "/bots/x", fingerprint: Self.fingerprint),
            Supervisor.BotProgram(name: "x", argv: ["a"], env: [:], directory: "/bots/%(here)s", fingerprint: Self.fingerprint),
        ]
        for program in cases {
            #expect(throws: Supervisor.Error.self) { try Supervisor.ProgramWriter.render(program) }
        }
    }

    @Test func foreignCommandsAreNotPrograms() {
        #expect(Supervisor.ProgramCommand(parsing: "python3 -m http.server") == nil)
        #expect(Supervisor.ProgramCommand(parsing: "/usr/bin/env BOTPOOL_SPEC=x 'unterminated") == nil)
    }

    @Test func poolConfigHasEverySection() {
        let text = Supervisor.PoolConfig(pool: "ft-alice-0").render()
        let sections = text.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(sections == ["[unix_http_server]", "[supervisord]", "[rpcinterface:supervisor]", "[supervisorctl]", "[include]"])
        #expect(text.contains("file=/botpool/run/supervisor.sock\nchmod=0770"))
        #expect(text.contains("childlogdir=/botpool/run/logs"))
        #expect(text.contains("files = conf.d/*.conf"))
        #expect(!text.contains("username="))
        #expect(Supervisor.PoolConfig.socketPath(runDirectory: "/s/pools/p/run") == "/s/pools/p/run/supervisor.sock")
    }

    /// The login goes into the read-only config only as plain words, so no value can add a line.
    @Test func poolConfigCarriesTheLoginAndRefusesWordsThatAreNotPlain() throws {
        let login = try #require(Supervisor.Credentials(username: "botpool", password: "0123abcd"))
        let text = Supervisor.PoolConfig(pool: "p", credentials: login).render()
        #expect(text.contains("chmod=0770\nusername=botpool\npassword=0123abcd\n"))
        #expect(Supervisor.Credentials(username: "botpool", password: "x\n[program:evil]") == nil)
        #expect(Supervisor.Credentials(username: "", password: "x") == nil)
    }
}
