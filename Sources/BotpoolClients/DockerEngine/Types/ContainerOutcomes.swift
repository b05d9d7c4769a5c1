extension DockerEngine {
    /// `create`: a new container, or the name already taken (a second create of the same
    /// deterministic pool name, which the controller treats as "someone made it already").
    public enum CreateResult: Sendable, Equatable {
        case created(id: String, warnings: [String])
        case nameConflict(message: String)
    }

    /// `start`, `stop`, `kill`, `remove`: whether the call changed anything.
    public enum ContainerChange: Sendable, Equatable {
        case done
        /// Already started, already stopped, or not running when killed.
        case alreadyDone
        /// No such container.
        case absent
    }
}
