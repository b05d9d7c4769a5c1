/// What a FreqTrade bot's own REST API said (`spec.freqtrade`), read by the controller at most
/// one light request per bot per period, each endpoint in turn: `/status` (open trades),
/// `/show_config` (state, dry-run), `/health` (last process time). A field keeps its last
/// reading until its endpoint answers again; `problem` is the last request's failure.
public struct TradingState: Hashable, Sendable, Codable {
    public var openTrades: Int?
    /// When `/status` last answered; cleared when botpool stops the bot's entries, so that only a
    /// count read after that can let a WhenFlat change go ahead.
    public var openTradesAt: Timestamp?
    /// `running`, `paused`, `stopped` or `reload_config`, as FreqTrade says.
    public var state: String?
    public var dryRun: Bool?
    /// The bot's last loop iteration (`/health` `last_process_ts`).
    public var lastProcessAt: Timestamp?
    /// Why the last request failed ("the bot is not trading", "refused"…), nil when it answered.
    public var problem: String?
    /// When the last request was made.
    public var observedAt: Timestamp?

    public init(openTrades: Int? = nil, openTradesAt: Timestamp? = nil, state: String? = nil, dryRun: Bool? = nil,
                lastProcessAt: Timestamp? = nil, problem: String? = nil, observedAt: Timestamp? = nil) {
        self.openTrades = openTrades
        self.openTradesAt = openTradesAt
        self.state = state
        self.dryRun = dryRun
        self.lastProcessAt = lastProcessAt
        self.problem = problem
        self.observedAt = observedAt
    }
}
