import Foundation

extension Freqtrade {
    /// `GET /show_config`, the fields a controller reads.
    public struct BotConfig: Decodable, Sendable, Equatable {
        /// `running`, `paused`, `stopped` or `reload_config`; `""` when no trader runs (webserver mode).
        public var state: String
        public var dryRun: Bool
        public var botName: String
        /// `dry_run`, `live` or `webserver`.
        public var runmode: String?

        public init(state: String, dryRun: Bool, botName: String, runmode: String? = nil) {
            self.state = state
            self.dryRun = dryRun
            self.botName = botName
            self.runmode = runmode
        }

        enum CodingKeys: String, CodingKey {
            case state
            case dryRun = "dry_run"
            case botName = "bot_name"
            case runmode
        }
    }

    /// One entry of `GET /status`: an open trade, with what a reason that names it needs.
    public struct OpenTrade: Decodable, Sendable, Equatable {
        public var id: Int
        public var pair: String
        /// As FreqTrade writes it (`2026-11-30 16:01:05`), when present.
        public var openDate: String?

        public init(id: Int, pair: String, openDate: String? = nil) {
            self.id = id
            self.pair = pair
            self.openDate = openDate
        }

        enum CodingKeys: String, CodingKey {
            case id = "trade_id"
            case pair
            case openDate = "open_date"
        }
    }

    /// `GET /health`: when the trader last finished its loop (nil: it never ran, e.g. started stopped).
    public struct Health: Decodable, Sendable, Equatable {
        public var lastProcess: Date?

        public init(lastProcess: Date?) {
            self.lastProcess = lastProcess
        }

        enum CodingKeys: String, CodingKey {
            case lastProcessTimestamp = "last_process_ts"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            lastProcess = try container.decodeIfPresent(Double.self, forKey: .lastProcessTimestamp).map(Date.init(timeIntervalSince1970:))
        }
    }
}
