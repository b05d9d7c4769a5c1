import BotpoolClients
import BotpoolManifest
import Foundation
import Testing

/// Hostile argv and env reach a real process through the writer and the real supervisord exactly,
/// and never become config of their own.
@Suite(.serialized) struct InjectionTests {
    static let suite = "clients-injection"

    static let hostile = [
        "%(here)s", "%(program_name)s", "%%", "100%", "\"", "'", "\\", "\\'", ";", "a ;b", "#", "a #b", " #", ",", "a,b=c",
        "[program:x]", "[include]", "$HOME", "${BOTPOOL_PORT}", "`id`", "$(id)", "  spaced  out ",
        "\t", "ünï ☃ 𝄞 日本", "e\u{301}", "'\u{301}", "", "-", "--", "=", "a=b", "autostart=false", "*",
    ]

    static let hostileEnv: [String: String] = [
        "PERCENT": "%(here)s %(ENV_HOME)s %% 100%",
        "QUOTES": "\"'\"' \\ \\' \\\"",
        "COMMENTS": "a ;b #c ; #",
        "COMMAS": "a=1,b=2,[program:x]",
        "SHELLY": "$HOME ${X} `id` $(id) *",
        "SPACES": "  lead and trail  ",
        "UNICODE": "ünï ☃ 𝄞 日本",
        "EMPTY": "",
        "LEADING_QUOTE": "'quoted'",
    ]

    @Test func argvAndEnvArriveExactly() async throws {
        try await PoolFixture.with(suite: Self.suite, name: "botpool-test-injection-0", ports: 19320...19320) { pool in
            let keys = "[" + Self.hostileEnv.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            let code = "import json, os, sys, time; keys = \(keys); "
                + "print(json.dumps({'argv': sys.argv[1:], 'env': {k: os.environ.get(k) for k in keys}, 'cwd': os.getcwd()}), flush=True); "
                + "time.sleep(300)"
            let program = Supervisor.BotProgram(
                name: "hostile", argv: ["python3", "-c", code] + Self.hostile, env: Self.hostileEnv,
                directory: "/bots/hostile", fingerprint: SpecFingerprint(components: ["command": 7]).encoded)
            try await pool.place(program)
            try await pool.waitFor("hostile", .running)

            var output: [String: Any] = [:]
            try await DockerFixture.eventually("the program's output") {
                guard let tail = try await pool.supervisor.tailProcessStdoutLog("hostile", offset: 0, length: 65536).value,
                      let line = tail.text.split(separator: "\n").first,
                      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                else { return false }
                output = object
                return true
            }
            #expect(output["argv"] as? [String] == Self.hostile)
            #expect(output["env"] as? [String: String] == Self.hostileEnv)
            #expect(output["cwd"] as? String == "/bots/hostile")

            let configs = try await pool.supervisor.getAllConfigInfo()
            #expect(configs.map(\.name) == ["hostile"])
            let config = try #require(configs.first)
            #expect(config.autostart)
            #expect(config.directory == "/bots/hostile")
            #expect(config.stdoutLogfile == "/botpool/run/logs/hostile.log")
            #expect(config.program?.argv == program.argv)
            #expect(config.program?.env == Self.hostileEnv)
            #expect(config.program?.fingerprintText == program.fingerprint)
        }
    }
}
