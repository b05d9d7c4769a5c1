extension DockerEngine {
    /// `create`: a new container, or the name already taken (a second create of the same
    /// deterministic pool name, which the controller treats as "someone made it already").
    public enum CreateResult: Sendable, Equatable {
        case created(id: String, warnings: [String])
        case nameConflict(message: String)
    }
}
