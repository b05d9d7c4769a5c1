import BotpoolClients
import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// `disruption: {policy: WhenFlat}` with a real `freqtrade trade` dry-run bot (the offline
    /// example's fake exchange) under a real `botpool run`: trades open and close through
    /// FreqTrade's own API, and the daemon drains through it.
    @Suite struct TradeSafeChange {
        static let basePort = 19590
        static let poolClass = "e2edrain"
        static let password = "e2e-drain-\(UUID().uuidString.prefix(8))"

        @Test func anEditWaitsForOpenTradesForceOverridesACrashIsNotDelayedAndARemovalWaits() async throws {
            try await Fixture.with(class: Self.poolClass, basePort: Self.basePort) { fixture in
                let secret = try fixture.writeSecret(Self.password, tenant: "alice", name: "ft-api-password")
                try fixture.write("class.yaml", try FreqtradeExample.example("freqtrade-offline", "poolclass.yaml", replacing: [
                    ("name: paper\n", "name: \(Self.poolClass)\n"), ("basePort: 9600", "basePort: \(Self.basePort)")]))
                try writeBot(fixture, secret: secret, edit: nil)
                try fixture.converge()
                // Its one bot is removed at the end: past the mass-delete guard, not what this tests.
                let daemon = try Daemon(fixture, extra: ["--allow-mass-delete"])
                let url = "http://127.0.0.1:\(Self.basePort)"
                let api = try Freqtrade.Client(url: url, credentials: .init(username: "botpool", password: Self.password))
                try await waitForTrader(api)

                // 1. An edit while a trade is open: entries stop, the bot keeps running, Draining.
                #expect(try post(url, "forceenter", #"{"pair":"BTC/USDT"}"#) == 200)
                let first = try #require(try await fixture.pids()["paper-btc"])
                try writeBot(fixture, secret: secret, edit: "1")
                _ = try await Poll.until("botpool to stop the bot's entries", seconds: 90) {
                    try? await api.showConfig().state == "paused" ? true : nil
                }
                let draining = try await Poll.until("the Draining condition naming the trade", seconds: 60) { () -> [String: Any]? in
                    let found = condition(try daemon.bots()["paper-btc"], "Draining")
                    return (found?["reason"] as? String)?.contains("waits for 1 open trade") == true ? found : nil
                }
                #expect(draining["reason"] as? String == "update (spec hash changed: env DRAIN_TEST) waits for 1 open trade", "\(draining)")
                // `diff` reads the bot's trades too and says what waits (exit 1: a change is pending).
                let diff = try fixture.diff()
                #expect(diff.status == 1 && diff.stdout.contains(
                    "Draining: alice/paper-btc: update (spec hash changed: env DRAIN_TEST) waits for 1 open trade"), "\(diff.stdout)")
                try await Task.sleep(for: .seconds(5))
                #expect(try await fixture.pids()["paper-btc"] == first, "the bot was restarted with a trade open")
                #expect(try await api.openTrades().count == 1, "the paused bot still holds its trade")

                // 2. The trade closes: the edit goes ahead (a new process, the new spec).
                #expect(try post(url, "forceexit", #"{"tradeid":"all"}"#) == 200)
                let second = try await Poll.until("the update once flat", seconds: 120) { () -> Int? in
                    let pid = try await fixture.pids()["paper-btc"]
                    return pid != nil && pid != first ? pid : nil
                }
                try await waitForTrader(api)
                #expect(condition(try daemon.bots()["paper-btc"], "Draining") == nil)

                // 3. Another edit with a trade open waits, until `restart --force`.
                #expect(try post(url, "forceenter", #"{"pair":"ETH/USDT"}"#) == 200)
                try writeBot(fixture, secret: secret, edit: "2")
                _ = try await Poll.until("the second drain", seconds: 90) {
                    try? await api.showConfig().state == "paused" ? true : nil
                }
                #expect(try await fixture.pids()["paper-btc"] == second)
                let forced = try Command.run(fixture.botpool, ["restart", "alice/paper-btc", "--force",
                                                                "--server", "http://127.0.0.1:\(daemon.port)", "--token-file", daemon.tokenFile])
                #expect(forced.status == 0, "\(forced.stderr)")
                let third = try await Poll.until("the forced update", seconds: 90) { () -> Int? in
                    let pid = try await fixture.pids()["paper-btc"]
                    return pid != nil && pid != second ? pid : nil
                }
                try await waitForTrader(api)
                #expect(try await api.openTrades().count == 1, "the trade survives the restart in the bot's own database")

                // 4. A crash with a trade open is restarted at once (no drain, no wait).
                let pool = try #require(try fixture.pools().first)
                #expect(try Command.run("docker", ["exec", pool, "kill", "-9", String(third)]).status == 0)
                _ = try await Poll.until("the crash restart", seconds: 60) { () -> Bool? in
                    let pid = try await fixture.pids()["paper-btc"]
                    return pid != nil && pid != third ? true : nil
                }
                let other = try Command.run(fixture.botpool, ["rollout", "bob/none",
                                                               "--server", "http://127.0.0.1:\(daemon.port)", "--token-file", daemon.tokenFile])
                #expect(other.status == 1 && other.stderr.contains("no bot bob/none"), "\(other.stderr)")

                // 5. The manifest deleted with the trade open: the removal waits (Terminating) and
                // drains the bot like an edit; the trade closes, the bot goes.
                try await waitForTrader(api)
                #expect(try await api.openTrades().count == 1)
                try fixture.remove("bots.yaml")
                // (The first reason may still say the API does not answer: the crash restart's reads.)
                let terminating = try await Poll.until("the removal to wait for the trade", seconds: 90) { () -> [String: Any]? in
                    let bot = try daemon.bots()["paper-btc"]
                    return bot?["phase"] as? String == "Terminating" && condition(bot, "Draining") != nil
                        && bot?["reason"] as? String == "removal (manifest removed) waits for 1 open trade" ? bot : nil
                }
                #expect(terminating["port"] as? Int == Self.basePort)
                _ = try await Poll.until("botpool to stop the removed bot's entries", seconds: 90) {
                    try? await api.showConfig().state == "paused" ? true : nil
                }
                #expect(try await fixture.pids()["paper-btc"] != nil, "removed with a trade open")
                #expect(try post(url, "forceexit", #"{"tradeid":"all"}"#) == 200)
                _ = try await Poll.until("the removal once flat", seconds: 120) { () -> Bool? in
                    let program = try await fixture.programs()["paper-btc"]
                    let listed = try daemon.bots()["paper-btc"]
                    return program == nil && listed == nil ? true : nil
                }
                _ = try await daemon.terminate()
            }
        }

        /// The offline example's bot, with its API read every second and, when `edit` is given,
        /// one more env variable (a spec change that restarts the bot).
        private func writeBot(_ fixture: Fixture, secret: String, edit: String?) throws {
            var replacements = [("poolClass: paper\n", "poolClass: \(Self.poolClass)\n"),
                                ("/etc/botpool/secrets/alice/ft-api-password", secret),
                                ("api: {username: botpool}", "api: {username: botpool, periodSeconds: 1}")]
            if let edit {
                replacements.append(("FREQTRADE__API_SERVER__LISTEN_IP_ADDRESS: \"0.0.0.0\"\n",
                                     "FREQTRADE__API_SERVER__LISTEN_IP_ADDRESS: \"0.0.0.0\"\n    DRAIN_TEST: \"\(edit)\"\n"))
            }
            try fixture.write("bots.yaml", try FreqtradeExample.example("freqtrade-offline", "bots.yaml", replacing: replacements))
        }

        private func waitForTrader(_ api: Freqtrade.Client) async throws {
            _ = try await Poll.until("the trade bot to answer /api/v1/ping", seconds: 180) { (try? await api.ping()) == true ? true : nil }
            _ = try await Poll.until("the trader to run", seconds: 90) { try? await api.showConfig().state == "running" ? true : nil }
        }

        /// The bot's condition of `type` in the daemon's status, when present and true.
        private func condition(_ bot: [String: Any]?, _ type: String) -> [String: Any]? {
            let conditions = bot?["conditions"] as? [[String: Any]] ?? []
            return conditions.first { $0["type"] as? String == type && $0["status"] as? Bool == true }
        }

        private func post(_ url: String, _ route: String, _ json: String) throws -> Int {
            let result = try Command.run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20",
                                                  "-u", "botpool:\(Self.password)", "-H", "Content-Type: application/json",
                                                  "-d", json, "\(url)/api/v1/\(route)"])
            return Int(result.stdout) ?? 0
        }
    }
}
