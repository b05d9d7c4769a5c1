import BotpoolTransport
import Foundation

extension Freqtrade.Client {
    /// Whether the API answers at all; needs no login.
    ///
    /// Maps to GET /api/v1/ping
    public func ping() async throws(Freqtrade.Error) -> Bool {
        struct Pong: Decodable { var status: String }
        return try await call(.get, "ping", as: Pong.self, authorized: false).status == "pong"
    }

    /// The trader's state, dry-run flag and bot name.
    ///
    /// Maps to GET /api/v1/show_config
    public func showConfig() async throws(Freqtrade.Error) -> Freqtrade.BotConfig {
        try await call(.get, "show_config", as: Freqtrade.BotConfig.self)
    }

    /// The open trades, `[]` when the bot is flat; answers in every trade-mode state, stopped too.
    ///
    /// Maps to GET /api/v1/status
    public func openTrades() async throws(Freqtrade.Error) -> [Freqtrade.OpenTrade] {
        try await call(.get, "status", as: [Freqtrade.OpenTrade].self)
    }

    /// When the trader last ran its loop.
    ///
    /// Maps to GET /api/v1/health
    public func health() async throws(Freqtrade.Error) -> Freqtrade.Health {
        try await call(.get, "health", as: Freqtrade.Health.self)
    }

    /// No new entries from now on; open trades are still managed (exits, ROI, stoploss). FreqTrade
    /// acts on it at its next loop. Returns the bot's message.
    ///
    /// Maps to POST /api/v1/stopentry (2025.4+ also `/pause`)
    public func stopEntries() async throws(Freqtrade.Error) -> String {
        struct Status: Decodable { var status: String }
        return try await call(.post, "stopentry", as: Status.self).status
    }

    /// Entries again after `/stopentry` (or start a stopped trader). Returns the bot's message.
    ///
    /// Maps to POST /api/v1/start
    public func startTrading() async throws(Freqtrade.Error) -> String {
        struct Status: Decodable { var status: String }
        return try await call(.post, "start", as: Status.self).status
    }
}
