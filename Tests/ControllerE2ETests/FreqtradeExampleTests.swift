import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// `examples/freqtrade/` as a new user runs it (its README), with three things moved out of
    /// the way of a user's own run on the same daemon: the class name, the port range and the
    /// secret file's path. Everything else — image, fork runtime, `preload: auto`, bots, config
    /// files, env, probes — is the example's own text; the README's proxy step runs too.
    @Suite struct FreqtradeExample {
        static let basePort = 19550
        static let poolClass = "e2eexample"
        static let password = "e2e-api-password-\(UUID().uuidString.prefix(8))"

        @Test func theExampleConvergesAndItsBotsAnswerWithThePasswordFromTheSecretFile() async throws {
            try await Fixture.with(class: Self.poolClass, basePort: Self.basePort) { fixture in
                let secret = try fixture.writeSecret(Self.password, tenant: "alice", name: "ft-api-password")
                for file in ["poolclass.yaml", "bots.yaml"] {
                    try fixture.write(file == "poolclass.yaml" ? "class.yaml" : file, try Self.example(file, secret: secret))
                }
                #expect(try Command.run(fixture.botpool, ["validate", fixture.manifests]).status == 0)
                try fixture.converge()

                let pool = "botpool-\(Self.poolClass).alice-0"
                for (bot, port) in [("btc-dca", Self.basePort), ("eth-grid", Self.basePort + 1)] {
                    let pong = try await Poll.until("\(bot) to answer /api/v1/ping on \(port)", seconds: 120) {
                        try Fixture.get(port: port, path: "/api/v1/ping")
                    }
                    #expect(pong.contains("pong"), "\(bot): \(pong)")
                    // The API password reached FreqTrade from the secret file, through the env.
                    let config = try Command.run("curl", ["-sS", "--max-time", "5", "-u", "botpool:\(Self.password)",
                                                          "http://127.0.0.1:\(port)/api/v1/show_config"])
                    #expect(config.stdout.contains("\"bot_name\":\"\(bot)\""), "\(bot) show_config: \(config.stdout)\(config.stderr)")
                    let refused = try Command.run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
                                                           "-u", "botpool:wrong", "http://127.0.0.1:\(port)/api/v1/show_config"])
                    #expect(refused.stdout == "401")
                }
                let described = try Command.run(fixture.botpool, ["describe", "pool", pool] + fixture.common)
                #expect(described.stdout.contains("Runtime:        fork\n"), "\(described.stdout)")
                #expect(described.stdout.contains("Zygote:         RUNNING"), "\(described.stdout)")
                // `preload: auto`: the zygote learned FreqTrade from the warm-up before the first fork.
                #expect(described.stdout.contains(/Learned:\s+\d+ modules; saves/), "\(described.stdout)")
                // The password is read at reconcile time and never written where `describe` or logs show it.
                #expect(!described.stdout.contains(Self.password))
                #expect(try fixture.diff().status == 0, "a second pass must plan nothing")

                // The README's "by name" step: the daemon's proxy, the operator's token.
                let daemon = try Daemon(fixture)
                for (bot, path, login) in [("btc-dca", "ping", [String]()), ("eth-grid", "show_config", ["-u", "botpool:\(Self.password)"])] {
                    let answer = try await Poll.until("\(bot) through the proxy", seconds: 60) { () -> String? in
                        let result = try Command.run("curl", ["-sS", "-f", "--max-time", "10", "-H", "X-Botpool-Token: \(daemon.token)"]
                                                     + login + ["http://127.0.0.1:\(daemon.port)/bots/alice/\(bot)/api/v1/\(path)"])
                        return result.status == 0 ? result.stdout : nil
                    }
                    #expect(answer.contains(path == "ping" ? "pong" : "\"bot_name\":\"\(bot)\""), "\(bot): \(answer)")
                }
                #expect(try await daemon.terminate() == 0, "\(daemon.logText)")
            }
        }

        /// The example's file with the class, port and secret path replaced.
        static func example(_ file: String, secret: String) throws -> String {
            try Self.example("freqtrade", file, replacing: file == "poolclass.yaml"
                ? [("name: freqtrade\n", "name: \(poolClass)\n"), ("basePort: 9300", "basePort: \(basePort)")]
                : [("poolClass: freqtrade\n", "poolClass: \(poolClass)\n"),
                   ("/etc/botpool/secrets/alice/ft-api-password", secret)])
        }

        /// `examples/<example>/<file>` with each replacement made; each must match, so an edit of
        /// the example cannot silently stop being what is tested.
        static func example(_ example: String, _ file: String, replacing replacements: [(String, String)]) throws -> String {
            let path = Botpool.packageRoot.appendingPathComponent("examples/\(example)/\(file)").path
            var text = try String(contentsOfFile: path, encoding: .utf8)
            for (old, new) in replacements {
                #expect(text.contains(old), "examples/\(example)/\(file) no longer contains \(old)")
                text = text.replacingOccurrences(of: old, with: new)
            }
            return text
        }
    }
}
