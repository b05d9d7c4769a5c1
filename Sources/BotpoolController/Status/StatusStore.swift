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

    /// Each bot's proxy route (`BotRoute.key`), rebuilt with every snapshot so that a proxied
    /// request looks its bot up in a dictionary instead of scanning the snapshot.
    private var routes: [String: BotRoute] = [:]

    /// `hosts`: where the controller reaches each pool's bot ports (the backend's `probeHosts()`).
    public func publish(_ snapshot: StatusSnapshot, hosts: [String: String] = [:]) {
        self.snapshot = snapshot
        routes = BotRoute.index(snapshot, hosts: hosts)
    }

    /// The proxy's route to a bot of the last snapshot; nil: no such bot.
    public func route(tenant: String, name: String) -> BotRoute? {
        routes[BotRoute.key(tenant: tenant, name: name)]
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
