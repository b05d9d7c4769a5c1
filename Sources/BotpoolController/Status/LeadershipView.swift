/// `role` and `leader` of `/api/v1/status` when controllers are elected: a follower serves only
/// these (no pools, no bots), so that `get --server` can say where the leader is.
public struct LeadershipView: Codable, Sendable, Equatable {
    public enum Role: String, Codable, Sendable {
        case leader
        case follower
    }

    public var role: Role
    /// Who leads; nil while a follower has not read it yet.
    public var leader: LeaderRecord?

    public init(role: Role, leader: LeaderRecord?) {
        self.role = role
        self.leader = leader
    }
}
