/// The term ended: this controller must make no further Docker or supervisord call.
public struct LeadershipLost: Error, CustomStringConvertible, Sendable {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "lost leadership: \(reason)" }
}
