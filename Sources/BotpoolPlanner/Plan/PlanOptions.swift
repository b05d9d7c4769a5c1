public struct PlanOptions: Hashable, Sendable {
    /// `--allow-mass-delete`: let a plan remove more than half of the running bots.
    public var allowMassDelete: Bool

    public init(allowMassDelete: Bool = false) {
        self.allowMassDelete = allowMassDelete
    }
}
