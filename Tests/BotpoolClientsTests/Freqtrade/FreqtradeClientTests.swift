import BotpoolClients
import BotpoolTransport
import Foundation
import Testing

/// FreqTrade 2026.9's answers, as a real bot sent them (trade mode, webserver mode, refusals).
@Suite struct FreqtradeClientTests {
    private func client(_ transport: RecordingTransport) -> Freqtrade.Client {
        Freqtrade.Client(transport: transport, endpoint: "http://127.0.0.1:9100",
                         credentials: Freqtrade.Credentials(username: "botpool", password: "s3cret"), maxResponseBytes: 4096)
    }

    @Test func pingNeedsNoLoginAndEveryOtherRouteSendsBasic() async throws {
        let pong = RecordingTransport(json: #"{"status":"pong"}"#)
        #expect(try await client(pong).ping())
        #expect(pong.lastRequest?.path == "/api/v1/ping")
        #expect(pong.lastRequest?.headers["Authorization"] == nil)

        let config = RecordingTransport(json: """
            {"version":"2026.9","strategy_version":null,"api_version":2.5,"dry_run":true,"trading_mode":"spot",\
            "state":"paused","runmode":"dry_run","bot_name":"btc-dca","max_open_trades":3.0}
            """)
        #expect(try await client(config).showConfig() == Freqtrade.BotConfig(state: "paused", dryRun: true, botName: "btc-dca", runmode: "dry_run"))
        let request = try #require(config.lastRequest)
        #expect(request.path == "/api/v1/show_config" && request.method == .get)
        #expect(request.headers["Authorization"] == "Basic " + Data("botpool:s3cret".utf8).base64EncodedString())
        #expect(request.maxResponseBytes == 4096)
    }

    @Test func statusListsTheOpenTradesAndIsEmptyWhenFlat() async throws {
        let open = RecordingTransport(json: """
            [{"trade_id":1,"pair":"BTC/USDT","base_currency":"BTC","quote_currency":"USDT","is_open":true,\
            "open_date":"2026-11-30 16:01:05","open_rate":50000.0,"stake_amount":330.0066,"profit_pct":-0.2}]
            """)
        #expect(try await client(open).openTrades() == [Freqtrade.OpenTrade(id: 1, pair: "BTC/USDT", openDate: "2026-11-30 16:01:05")])
        #expect(open.lastRequest?.path == "/api/v1/status")
        #expect(try await client(RecordingTransport(json: "[]")).openTrades().isEmpty)
    }

    @Test func healthGivesTheLastLoopAndNilForABotThatNeverRan() async throws {
        let running = RecordingTransport(json: """
            {"last_process":"2026-11-30T16:01:05.942401Z","last_process_ts":1796054465,"bot_start":null,"bot_start_ts":null,\
            "bot_startup":"2026-11-30T16:00:01Z","bot_startup_ts":1796054401}
            """)
        #expect(try await client(running).health().lastProcess == Date(timeIntervalSince1970: 1_796_054_465))
        let never = RecordingTransport(json: #"{"last_process":null,"last_process_ts":null,"bot_start":null,"bot_start_ts":null,"bot_startup":null,"bot_startup_ts":null}"#)
        #expect(try await client(never).health().lastProcess == nil)
    }

    @Test func stopEntriesPostsAndReturnsTheBotsMessage() async throws {
        let transport = RecordingTransport(json: #"{"status":"paused, no more entries will occur from now. Run /start to enable entries."}"#)
        #expect(try await client(transport).stopEntries().hasPrefix("paused, no more entries"))
        #expect(transport.lastRequest?.method == .post && transport.lastRequest?.path == "/api/v1/stopentry")
    }

    /// A webserver-mode bot, a refusing trader, a wrong login and a hostile answer each read as
    /// what they are; a bot's own text is cut short and stripped of control characters.
    @Test func failuresReadAsWhatTheyAre() async throws {
        let webserver = RecordingTransport(status: 503, json: #"{"detail":"Bot is not in the correct state."}"#)
        await #expect(throws: Freqtrade.Error.notTrading(endpoint: "http://127.0.0.1:9100", route: "/api/v1/status")) {
            try await client(webserver).openTrades()
        }
        let stopped = RecordingTransport(status: 502, json: #"{"error":"Error querying /api/v1/count: trader is not running"}"#)
        await #expect(throws: Freqtrade.Error.refused(endpoint: "http://127.0.0.1:9100", route: "/api/v1/stopentry",
                                                      reason: "trader is not running")) {
            try await client(stopped).stopEntries()
        }
        let wrong = RecordingTransport(status: 401, json: #"{"detail":"Unauthorized"}"#)
        await #expect(throws: Freqtrade.Error.unauthorized(endpoint: "http://127.0.0.1:9100")) { try await client(wrong).showConfig() }

        let noisy = RecordingTransport(status: 500, json: "{\"detail\":\"\u{1B}[31m" + String(repeating: "x", count: 5000) + "\"}")
        do {
            _ = try await client(noisy).showConfig()
            Issue.record("a 500 was accepted")
        } catch {
            guard case .api(_, _, 500, let message) = error else { Issue.record("\(error)"); return }
            #expect(message.count <= Freqtrade.Error.maxMessageCharacters + 1 && !message.contains("\u{1B}"))
        }
        let notATrade = RecordingTransport(json: #"[{"pair":"BTC/USDT"}]"#)
        await #expect(throws: Freqtrade.Error.self) { try await client(notATrade).openTrades() }
        let cut = RecordingTransport([.response(HTTPResponse(status: 200, body: Data("[".utf8), truncated: true))])
        await #expect(throws: Freqtrade.Error.malformedResponse(endpoint: "http://127.0.0.1:9100", route: "/api/v1/status",
                                                                detail: "answer larger than 4096 bytes")) {
            try await client(cut).openTrades()
        }
    }
}
