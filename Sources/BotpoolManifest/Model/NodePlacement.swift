/// How a new pool of a class picks its node on the swarm backend; the docker backend has one
/// node and ignores it.
public enum NodePlacement: String, Hashable, Sendable, Codable, CaseIterable {
    /// The fullest node that still fits the pool (the least free memory).
    case pack
    /// The node with the fewest pools of this class.
    case spread
}
