/// Which of several `botpool run` controllers may act. `campaign()` returns once this one
/// leads; the term it returns says, at every moment, whether it still may.
public protocol Leadership: Sendable {
    /// Waits until this controller leads, trying every retry period; meanwhile a follower
    /// reports who leads (see `EtcdLeadership.onFollowing`). Cancelling ends the wait.
    func campaign() async throws -> LeaderTerm
    /// Gives up the term (SIGTERM) so that a follower need not wait for the lease to expire.
    func resign() async
}

/// Who leads, as the leader wrote it next to its lease: what a follower's status shows.
public struct LeaderRecord: Codable, Sendable, Equatable {
    /// `ctl-a pid 4242`.
    public var identity: String
    /// Where the leader's status server answers; nil when it has none.
    public var statusURL: String?
    public var since: String?
    /// The leader key's create revision: grows with every new leader. Not stored in the value
    /// (etcd knows it); filled in when read.
    public var epoch: Int64?

    public init(identity: String, statusURL: String? = nil, since: String? = nil, epoch: Int64? = nil) {
        self.identity = identity
        self.statusURL = statusURL
        self.since = since
        self.epoch = epoch
    }
}
