import DockerTestSupport
import Foundation
import Testing

/// The real thing in `botpool/freqtrade:dev`: a zygote preloading FreqTrade forks
/// `freqtrade webserver` bots (webserver mode needs no exchange), which answer /api/v1/ping.
@Suite(.serialized) struct FreqtradeForkTests {
    static let suite = "fork-freqtrade"
    static let image = "botpool/freqtrade:dev"
    static let preload = ["freqtrade.main", "freqtrade.freqtradebot", "freqtrade.rpc.api_server.webserver"]

    init() throws { try DockerEnvironment.prepare(suite: Self.suite, images: [Self.image]) }

    /// A minimal webserver-mode config; the port comes from the environment, as botpool sets it.
    static let config = """
        {
          "dry_run": true,
          "stake_currency": "USDT",
          "stake_amount": 10,
          "exchange": {"name": "binance", "key": "", "secret": "", "pair_whitelist": ["BTC/USDT"]},
          "pairlists": [{"method": "StaticPairList"}],
          "api_server": {
            "enabled": true, "listen_ip_address": "0.0.0.0", "listen_port": 8080,
            "username": "botpool", "password": "botpool",
            "jwt_secret_key": "botpool-test-jwt-secret-key-0123456789",
            "ws_token": "botpool-test-ws-token-0123456789"
          }
        }
        """

    @Test func forkedFreqtradeWebserverBotsAnswerPing() async throws {
        let names = ["ft-1", "ft-2", "ft-3"]
        var programs = [
            ForkPrograms.zygote: ForkPrograms.zygoteSection(python: "/opt/freqtrade/bin/python3", preload: Self.preload),
        ]
        let ports = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, 8081 + $0) })
        for (name, port) in ports {
            programs[name] = ForkPrograms.botSection(
                name: name, argv: ["freqtrade", "webserver", "--config", "config.json", "--user-data-dir", "."],
                env: ["FREQTRADE__API_SERVER__LISTEN_PORT": "\(port)"], directory: "/bots/\(name)",
                settings: ["autostart": "false"]
            )
        }
        let files = Dictionary(uniqueKeysWithValues: names.map { ($0, ["config.json": Self.config]) })
        try await ForkPool.with(suite: Self.suite, image: Self.image, programs: programs, botFiles: files) { pool in
            let zygoteStart = Date()
            _ = try await poll(seconds: 60) { try pool.zygotePid() }
            print("freqtrade zygote serving \(Date().timeIntervalSince(zygoteStart)) s after the container started")
            let growth = try await pool.grow(names, within: 60) { name in
                try pool.get(port: ports[name] ?? 0, path: "/api/v1/ping")?.contains("pong") == true
            }
            print("freqtrade fork pool: \(growth)")
            // One FreqTrade webserver exec'd on its own is ~320 MB of PSS.
            #expect(growth.megabytesPerExtraBot < 120, "forked FreqTrade bots share too little: \(growth)")
            #expect(pool.container.log("ft-1").contains("Uvicorn running"), "the bot's output is not in its log")
        }
    }
}
