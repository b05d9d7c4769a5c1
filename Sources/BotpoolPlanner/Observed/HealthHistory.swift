/// The controller's probe results for one bot since its process last started.
public struct HealthHistory: Hashable, Sendable {
    public var consecutiveFailures: Int
    public var lastSuccessAt: Timestamp?

    public init(consecutiveFailures: Int = 0, lastSuccessAt: Timestamp? = nil) {
        self.consecutiveFailures = consecutiveFailures
        self.lastSuccessAt = lastSuccessAt
    }
}
