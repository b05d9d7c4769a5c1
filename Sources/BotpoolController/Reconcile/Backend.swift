import BotpoolManifest
import BotpoolPlanner

/// Where pools run: the seam between a reconcile pass and the world. `DockerBackend` talks to
/// one Docker engine and each pool's supervisord; the tests' `InMemoryBackend` (in
/// Tests/InMemoryWorld) applies actions to a value. (A pool's *runtime*, exec or fork, is how
/// it starts its bots' processes, and is another thing.)
public protocol Backend: Sendable {
    /// Pools and the programs in them, read back from the world. Health and restart history
    /// are the controller's memory and are filled in by the caller.
    func observe() async throws -> ObservedState

    /// Carries out one action. Must be idempotent: after a crash, the same action runs again.
    func execute(_ action: Action, context: ActionContext) async throws

    /// The address the controller reaches a pool's bot ports on, per pool name (the publish
    /// IP, or the container's own IP when ports are not published). Missing: not probed.
    func probeHosts() async -> [String: String]

    /// Every bot's process state in the running pools, keyed `pool/bot` and spelled as
    /// `ProcessStates` spells an observation, read cheaply (no changes, no Docker
    /// call). The daemon polls it and starts a pass when it differs from the last pass's view,
    /// so a bot that dies is noticed in seconds, not at the next resync.
    func processStates() async -> [String: String]
}

/// What an action needs beyond its target: the desired state it was planned from.
public struct ActionContext: Sendable {
    public let desired: DesiredState
    /// Resolved `fromFile` env values, per bot and env name. Never logged.
    public var secrets: [BotID: [String: String]]
    public var now: Timestamp

    /// Every action of a pass looks its bot up: indexed once, not searched per action.
    private let botsByID: [BotID: DesiredBot]

    public init(desired: DesiredState, secrets: [BotID: [String: String]] = [:], now: Timestamp) {
        self.desired = desired
        self.secrets = secrets
        self.now = now
        botsByID = Dictionary(desired.bots.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func bot(_ id: BotID) -> DesiredBot? {
        botsByID[id]
    }
}
