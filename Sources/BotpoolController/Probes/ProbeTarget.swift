import BotpoolManifest

/// Where and how to probe one bot. `generation` changes whenever the bot's process does
/// (new pid or start time), which resets its health history.
public struct ProbeTarget: WatchTarget {
    public var bot: BotID
    public var host: String
    public var port: Int
    public var path: String
    public var periodSeconds: Int
    public var timeoutSeconds: Int
    public var failureThreshold: Int
    public var initialDelaySeconds: Int
    public var generation: String

    public init(bot: BotID, host: String, port: Int, path: String, periodSeconds: Int, timeoutSeconds: Int,
                failureThreshold: Int, initialDelaySeconds: Int, generation: String) {
        self.bot = bot
        self.host = host
        self.port = port
        self.path = path
        self.periodSeconds = periodSeconds
        self.timeoutSeconds = timeoutSeconds
        self.failureThreshold = failureThreshold
        self.initialDelaySeconds = initialDelaySeconds
        self.generation = generation
    }
}
