import BotpoolManifest

/// Everything the controller read back this pass (docs/architecture.md "Observed state"), plus
/// what it keeps in memory between passes: probe results, restart history, trading state,
/// waiting changes, operators' requests and remembered disruption policies.
public struct ObservedState: Hashable, Sendable {
    public var pools: [ObservedPool]
    /// Containers labelled as ours but unusable (a label missing or unreadable). Reported, never touched.
    public var malformedContainers: [MalformedContainer]
    public var health: [BotID: HealthHistory]
    /// The previous plan's `restartHistory`.
    public var restarts: [BotID: RestartHistory]
    /// What FreqTrade bots' own APIs said (bots with `spec.freqtrade` only).
    public var trading: [BotID: TradingState]
    /// The previous plan's `drains`: bots whose disruptive change waits, and since when.
    public var drains: [BotID: DrainRecord]
    /// Operators' restart and rollout requests not acted on yet (the previous plan's `requests`
    /// plus new ones).
    public var requests: [BotID: OperatorRequest]
    /// The `spec.disruption` the controller last read in each bot's manifest, WhenFlat and Manual
    /// only: a bot whose manifest is gone keeps it, so that its removal waits like any change.
    public var policies: [BotID: Disruption]

    public init(
        pools: [ObservedPool] = [],
        malformedContainers: [MalformedContainer] = [],
        health: [BotID: HealthHistory] = [:],
        restarts: [BotID: RestartHistory] = [:],
        trading: [BotID: TradingState] = [:],
        drains: [BotID: DrainRecord] = [:],
        requests: [BotID: OperatorRequest] = [:],
        policies: [BotID: Disruption] = [:]
    ) {
        self.policies = policies
        self.trading = trading
        self.drains = drains
        self.requests = requests
        self.pools = pools
        self.malformedContainers = malformedContainers
        self.health = health
        self.restarts = restarts
    }
}

/// A container with `io.botpool.managed-by=botpool` whose other labels do not make sense.
public struct MalformedContainer: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    /// e.g. "label io.botpool.class missing".
    public var problem: String

    public init(id: String, name: String, problem: String) {
        self.id = id
        self.name = name
        self.problem = problem
    }
}
