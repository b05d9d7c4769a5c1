import BotpoolManifest

/// A bot whose disruptive change waits (`spec.disruption`), as the previous pass left it. Kept in
/// the controller's memory only: after a restart the wait starts again from that pass.
public struct DrainRecord: Hashable, Sendable, Codable {
    /// When the change first waited; a trade count read before this does not count.
    public var since: Timestamp
    /// botpool sent `/stopentry`: when the change goes away, it sends `/start` again.
    public var stoppedEntries: Bool

    public init(since: Timestamp, stoppedEntries: Bool = false) {
        self.since = since
        self.stoppedEntries = stoppedEntries
    }
}

/// What an operator asked for one bot (`botpool restart`, `botpool rollout`). It holds until the
/// bot's process has started after it (`startedAt >= at`), so it acts once.
public struct OperatorRequest: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Restart the bot, through its disruption policy (a WhenFlat bot drains first).
        case restart
        /// Let the change a Manual bot waits for go ahead.
        case rollout
    }

    public var kind: Kind
    /// Past every wait: the change (or the restart) happens now, open trades or not.
    public var force: Bool
    public var at: Timestamp

    public init(kind: Kind, force: Bool = false, at: Timestamp) {
        self.kind = kind
        self.force = force
        self.at = at
    }
}
