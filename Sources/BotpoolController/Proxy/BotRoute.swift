/// Where the proxy sends a bot's requests (`/bots/<tenant>/<name>/…`), as the last pass saw it:
/// the host the health probes use for the bot's pool and the bot's port, with its phase. Built
/// from controller-owned data only (manifests, pool labels, slots), never from what a pool says.
public struct BotRoute: Sendable, Equatable {
    public var phase: String
    public var reason: String?
    /// nil while the bot has no port or its pool no address the controller reaches.
    public var host: String?
    public var port: Int?

    public init(phase: String, reason: String? = nil, host: String? = nil, port: Int? = nil) {
        self.phase = phase
        self.reason = reason
        self.host = host
        self.port = port
    }

    /// Phases whose process is up: the proxy forwards to these and answers 503 for any other.
    static let forwardedPhases: Set<String> = ["Running", "Starting"]

    /// Host and port when the bot's phase lets the proxy forward; nil: answer 503.
    var upstream: (host: String, port: Int)? {
        guard Self.forwardedPhases.contains(phase), let host, let port else { return nil }
        return (host, port)
    }

    /// The key of a bot in `index`: tenant and bot names are DNS-1123 labels, so `/` cannot
    /// make two bots collide.
    static func key(tenant: String, name: String) -> String {
        tenant + "/" + name
    }

    /// Every bot of `snapshot`, keyed by `key(tenant:name:)`; `hosts` is the backend's
    /// `probeHosts()` (pool name to address).
    static func index(_ snapshot: StatusSnapshot, hosts: [String: String]) -> [String: BotRoute] {
        var routes: [String: BotRoute] = [:]
        for bot in snapshot.bots {
            routes[key(tenant: bot.tenant, name: bot.name)] = BotRoute(
                phase: bot.phase, reason: bot.reason, host: bot.pool.flatMap { hosts[$0] }, port: bot.port)
        }
        return routes
    }
}
