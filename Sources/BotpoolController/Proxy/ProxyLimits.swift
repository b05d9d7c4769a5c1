/// Bounds of the bot proxy: a bot's port is the data plane, so whatever it answers is bounded,
/// and so is what a caller may hold open or send.
public struct ProxyLimits: Sendable {
    /// Proxied requests in flight per bucket (a tenant's token, or the operator's); past it 429.
    public var maxInflight: Int
    public var connectTimeout: Duration
    /// The whole exchange with the bot; past it 504.
    public var timeout: Duration
    /// A larger request body is refused with 413 before anything reaches the bot.
    public var maxRequestBytes: Int
    /// A larger response is not forwarded: 502.
    public var maxResponseBytes: Int
    /// Response headers forwarded at most; the rest are dropped.
    public var maxResponseHeaders: Int
    /// Websockets relayed at once per bucket, counted apart from HTTP requests (FreqUI keeps one
    /// open per bot it shows); past it the socket is closed with 1008 (policy violation).
    public var maxWebSockets: Int
    /// A larger websocket message, either way, closes the relay.
    public var maxWebSocketMessageBytes: Int

    public init(maxInflight: Int = ProxyLimits.defaultMaxInflight, connectTimeout: Duration = .seconds(2),
                timeout: Duration = .seconds(60), maxRequestBytes: Int = 1 << 20, maxResponseBytes: Int = 16 << 20,
                maxResponseHeaders: Int = 64, maxWebSockets: Int = 20, maxWebSocketMessageBytes: Int = 1 << 20) {
        self.maxInflight = max(1, maxInflight)
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.maxRequestBytes = maxRequestBytes
        self.maxResponseBytes = maxResponseBytes
        self.maxResponseHeaders = maxResponseHeaders
        self.maxWebSockets = max(1, maxWebSockets)
        self.maxWebSocketMessageBytes = maxWebSocketMessageBytes
    }

    /// `--tenant-max-inflight`'s default.
    public static let defaultMaxInflight = 5
}
