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
        for (index, name) in names.enumerated() {
            programs[name] = ForkPrograms.botSection(
                name: name, argv: ["freqtrade", "webserver", "--config", "config.json", "--user-data-dir", "."],
                env: ["FREQTRADE__API_SERVER__LISTEN_PORT": "\(8081 + index)"], directory: "/bots/\(name)",
                autostart: false
            )
        }
        let files = Dictionary(uniqueKeysWithValues: names.map { ($0, ["config.json": Self.config]) })
        try await ForkPool.with(suite: Self.suite, image: Self.image, programs: programs, botFiles: files) { pool in
            let zygoteStart = Date()
            _ = try await poll(seconds: 60) { try pool.zygotePid() }
            print("freqtrade zygote serving \(Date().timeIntervalSince(zygoteStart)) s after the container started")
            let started = Date()
            _ = try pool.container.rpc("supervisor.startProcess", [.string("ft-1"), .bool(false)])
            let pong = try await poll(seconds: 60) { try pool.get(port: 8081, path: "/api/v1/ping") }
            let firstUp = Date().timeIntervalSince(started)
            #expect(pong.contains("pong"))
            try await Task.sleep(for: .seconds(2))
            let one = try pool.summedPSS()

            let restStarted = Date()
            for name in names.dropFirst() {
                _ = try pool.container.rpc("supervisor.startProcess", [.string(name), .bool(false)])
            }
            _ = try await poll(seconds: 60) {
                try [8082, 8083].allSatisfy { try pool.get(port: $0, path: "/api/v1/ping") != nil } ? true : nil
            }
            let restUp = Date().timeIntervalSince(restStarted)
            try await Task.sleep(for: .seconds(2))
            let three = try pool.summedPSS()
            let perBot = Double(three - one) / 2 / 1024
            print("freqtrade fork pool: first bot answered ping in \(firstUp) s, 2 more in \(restUp) s; summed PSS \(one / 1024) MB with 1 bot, \(three / 1024) MB with 3: \(perBot) MB per extra bot")
            // One FreqTrade webserver exec'd on its own is ~240 MB of PSS.
            #expect(perBot < 120, "each extra FreqTrade bot costs \(perBot) MB of PSS")
            #expect(pool.container.log("ft-1").contains("Uvicorn running"), "the bot's output is not in its log")
        }
    }
}
