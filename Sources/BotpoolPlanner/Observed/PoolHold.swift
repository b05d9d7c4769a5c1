/// Why the planner must leave a pool exactly as it is this pass. The backend sets it while
/// observing (e.g. the pool's swarm node is down); the planner plans nothing for a held pool,
/// keeps its bots assigned to it, and shows them in the hold's phase until it is lifted.
public struct PoolHold: Hashable, Sendable, Codable {
    public var reason: HoldReason
    /// Shown as each of the pool's bots' reason, e.g. "node node2 (10.213.0.3) is down; the
    /// bot's data stays on that node".
    public var message: String

    public init(reason: HoldReason, message: String) {
        self.reason = reason
        self.message = message
    }
}

public enum HoldReason: String, Hashable, Sendable, Codable {
    /// The pool's node is down or gone: its bots' data is there, so they wait for it.
    case nodeLost = "NodeLost"
    /// The pool's engine is bringing its container back by itself (a swarm task restarting
    /// on its node): replacing it now would race that restart.
    case poolStarting = "PoolStarting"
}
