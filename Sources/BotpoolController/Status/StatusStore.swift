import Foundation

/// The latest status, shared between the reconcile loop (writer) and the status server.
public actor StatusStore {
    public private(set) var snapshot: StatusSnapshot?
    private var events: [StatusEvent] = []
    /// Set when controllers are elected: this one's role and who leads.
    public private(set) var leadership: LeadershipView?
    private let eventLimit: Int

    public init(eventLimit: Int = 500) {
        self.eventLimit = eventLimit
    }

    /// True once a pass has completed since start (`/readyz`).
    public var isReady: Bool { snapshot?.lastPass != nil }

    public func setLeadership(_ view: LeadershipView) {
        leadership = view
    }

    public func publish(_ snapshot: StatusSnapshot) {
        self.snapshot = snapshot
    }

    public func record(_ event: StatusEvent) {
        events.append(event)
        if events.count > eventLimit { events.removeFirst(events.count - eventLimit) }
    }

    /// Newest last; `object` is a bot (`tenant/name`) or a pool name.
    public func events(for object: String? = nil, limit: Int = 20) -> [StatusEvent] {
        let matching = object.map { name in events.filter { $0.object == name } } ?? events
        return Array(matching.suffix(limit))
    }
}

/// Something the controller did or saw, as `describe` shows under "Events".
public struct StatusEvent: Codable, Sendable, Equatable {
    public var time: Date
    public var object: String
    public var kind: String
    public var message: String

    public init(time: Date, object: String, kind: String, message: String) {
        self.time = time
        self.object = object
        self.kind = kind
        self.message = message
    }
}
