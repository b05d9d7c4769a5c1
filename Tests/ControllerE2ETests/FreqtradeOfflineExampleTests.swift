import BotpoolClients
import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// `examples/freqtrade-offline/`: a real `freqtrade trade` dry-run bot against the offline
    /// fake exchange, run by botpool. It trades: a trade opened through FreqTrade's API shows in
    /// `/status` (read with `Freqtrade.Client`), pausing keeps it managed, and it closes again.
    @Suite struct FreqtradeOfflineExample {
        static let basePort = 19570
        static let poolClass = "e2epaper"
        static let password = "e2e-paper-\(UUID().uuidString.prefix(8))"

        @Test func aTradeBotOpensPausesAndClosesATradeWithNoExchange() async throws {
            try await Fixture.with(class: Self.poolClass, basePort: Self.basePort) { fixture in
                let secret = try fixture.writeSecret(Self.password, tenant: "alice", name: "ft-api-password")
                try fixture.write("class.yaml", try FreqtradeExample.example("freqtrade-offline", "poolclass.yaml", replacing: [
                    ("name: paper\n", "name: \(Self.poolClass)\n"), ("basePort: 9600", "basePort: \(Self.basePort)")]))
                try fixture.write("bots.yaml", try FreqtradeExample.example("freqtrade-offline", "bots.yaml", replacing: [
                    ("poolClass: paper\n", "poolClass: \(Self.poolClass)\n"), ("/etc/botpool/secrets/alice/ft-api-password", secret)]))
                try fixture.converge()

                let url = "http://127.0.0.1:\(Self.basePort)"
                let api = try Freqtrade.Client(url: url, credentials: .init(username: "botpool", password: Self.password))
                _ = try await Poll.until("the trade bot to answer /api/v1/ping", seconds: 180) { (try? await api.ping()) == true ? true : nil }
                try await botsByName(fixture)
                let config = try await Poll.until("the trader to run", seconds: 60) { () -> Freqtrade.BotConfig? in
                    let config = try? await api.showConfig()
                    return config?.state == "running" ? config : nil
                }
                #expect(config.dryRun && config.botName == "paper-btc" && config.runmode == "dry_run")
                #expect(try await api.openTrades().isEmpty)

                #expect(try trading(fixture)?["openTrades"] as? Int == 0)

                #expect(try post(url, "forceenter", #"{"pair":"BTC/USDT"}"#) == 200)
                let open = try await api.openTrades()
                #expect(open.map(\.pair) == ["BTC/USDT"])
                #expect(try await api.stopEntries().hasPrefix("paused"))
                #expect(try await api.showConfig().state == "paused")
                #expect(try await api.openTrades().count == 1, "a paused bot still holds and manages its trade")

                // botpool reads the same through the bot's API: the trade, the paused state.
                let seen = try #require(try trading(fixture))
                #expect(seen["openTrades"] as? Int == 1 && seen["state"] as? String == "paused" && seen["dryRun"] as? Bool == true,
                        "\(seen)")
                let table = try Command.run(fixture.botpool, ["get", "bots"] + fixture.common).stdout
                let lines = table.split(separator: "\n").map(String.init)
                let column = try #require(lines.first?.range(of: "OPEN TRADES")?.lowerBound.utf16Offset(in: lines[0]), "\(table)")
                let row = lines.first { $0.contains("paper-btc") } ?? ""
                #expect(row.dropFirst(column).split(separator: " ").first == "1", "\(table)")

                #expect(try post(url, "forceexit", #"{"tradeid":"all"}"#) == 200)
                _ = try await Poll.until("the trade to close", seconds: 30) { try await api.openTrades().isEmpty ? true : nil }
                #expect(try await api.health().lastProcess != nil)
                #expect(try trading(fixture)?["openTrades"] as? Int == 0)
            }
        }

        /// The same bot by name through a running daemon's status server (`/bots/<tenant>/<name>/`):
        /// alice's token reaches it, FreqTrade's own login passes through, bob's token is 403, none
        /// 401; FreqTrade's websocket works through it as FreqUI uses it; past the tenant's
        /// in-flight limit (1 here) a request gets 429.
        private func botsByName(_ fixture: Fixture) async throws {
            let tenantTokens = fixture.root.appendingPathComponent("tenant-tokens").path
            try "alice: e2e-alice-token\nbob: e2e-bob-token\n".write(toFile: tenantTokens, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tenantTokens)
            let daemon = try Daemon(fixture, extra: ["--tenant-tokens", tenantTokens, "--tenant-max-inflight", "1"])
            let ping = "http://127.0.0.1:\(daemon.port)/bots/alice/paper-btc/api/v1/ping"
            _ = try await Poll.until("paper-btc to answer through the proxy", seconds: 90) {
                try proxied(ping, ["-H", "X-Botpool-Token: e2e-alice-token"]) == 200 ? true : nil
            }
            let showConfig = "http://127.0.0.1:\(daemon.port)/bots/alice/paper-btc/api/v1/show_config"
            #expect(try proxied(showConfig, ["-H", "X-Botpool-Token: e2e-alice-token", "-u", "botpool:\(Self.password)"]) == 200)
            #expect(try proxied(showConfig, ["-H", "X-Botpool-Token: e2e-alice-token"]) == 401, "FreqTrade's own login is checked")
            #expect(try proxied(ping, ["-H", "X-Botpool-Token: e2e-bob-token"]) == 403)
            #expect(try proxied(ping, []) == 401)
            try await FreqtradeProxyChecks(daemonPort: daemon.port, bot: "alice/paper-btc", token: "e2e-alice-token",
                                           login: "botpool:\(Self.password)").websocketAndFlood()
            #expect(try await daemon.terminate() == 0, "\(daemon.logText)")
        }

        /// The HTTP status of a GET through the proxy.
        private func proxied(_ url: String, _ arguments: [String]) throws -> Int {
            let result = try Command.run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20"] + arguments + [url])
            return Int(result.stdout) ?? 0
        }

        /// `trading` of paper-btc in `get bots -o json` (which reads every FreqTrade bot's API once).
        private func trading(_ fixture: Fixture) throws -> [String: Any]? {
            let get = try Command.run(fixture.botpool, ["get", "bots", "-o", "json"] + fixture.common)
            let listed = try JSONSerialization.jsonObject(with: Data(get.stdout.utf8)) as? [[String: Any]] ?? []
            return listed.first { $0["name"] as? String == "paper-btc" }?["trading"] as? [String: Any]
        }

        /// A POST to the bot's API with the example's login; the HTTP status.
        private func post(_ url: String, _ route: String, _ json: String) throws -> Int {
            let result = try Command.run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20",
                                                  "-u", "botpool:\(Self.password)", "-H", "Content-Type: application/json",
                                                  "-d", json, "\(url)/api/v1/\(route)"])
            return Int(result.stdout) ?? 0
        }
    }
}
