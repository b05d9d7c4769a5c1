import Foundation

/// What one of the daemon's passes did: `POST /api/v1/reconcile` answers with it, and the status
/// shows the last one an operator asked for (`StatusSnapshot.reconcile`).
public struct PassReport: Codable, Sendable, Equatable {
    /// Counts the daemon's passes from 1.
    public var number: Int
    /// What started it ("reconcile requested", "manifests changed", "resync" …).
    public var reason: String
    public var startedAt: Date
    public var finishedAt: Date
    public var durationSeconds: Double
    public var actions: Int
    public var failedActions: Int
    /// Every bot placed and up as desired after it.
    public var converged: Bool
    /// Set when the plan was refused (mass-delete guard): nothing changed.
    public var refused: String?
    /// Set when the pass could not run at all (manifests unreadable, Docker unreachable).
    public var error: String?

    public init(number: Int, reason: String, startedAt: Date, finishedAt: Date, actions: Int = 0, failedActions: Int = 0,
                converged: Bool = false, refused: String? = nil, error: String? = nil) {
        self.number = number
        self.reason = reason
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.durationSeconds = max(0, finishedAt.timeIntervalSince(startedAt))
        self.actions = actions
        self.failedActions = failedActions
        self.converged = converged
        self.refused = refused
        self.error = error
    }

    /// It ran, nothing failed and nothing was refused.
    public var succeeded: Bool { error == nil && refused == nil && failedActions == 0 }
}

/// When an operator last asked for a pass, and the pass that answered it (Flux's
/// `lastHandledReconcileAt`): nil `pass` while it has not finished yet.
public struct RequestedPass: Codable, Sendable, Equatable {
    public var requestedAt: Date
    public var pass: PassReport?
}

/// Numbers the daemon's passes so that whoever asks for one can wait for the first pass that
/// started after it asked (a pass already running may have read the manifests before).
public actor PassLedger {
    private var started = 0
    /// The last pass that finished.
    public private(set) var last: PassReport?
    public private(set) var requested: RequestedPass?
    /// The pass number a pending request waits to be exceeded.
    private var pendingTicket: Int?

    public init() {}

    /// A pass starts; returns its number.
    public func begin() -> Int {
        started += 1
        return started
    }

    public func finish(_ report: PassReport) {
        last = report
        if let ticket = pendingTicket, report.number > ticket, var requested {
            requested.pass = report
            self.requested = requested
            pendingTicket = nil
        }
    }

    /// Records an operator's request; returns the ticket `report(after:)` waits past. Requests
    /// made before their pass started share it.
    public func request(at time: Date) -> Int {
        if pendingTicket == nil {
            pendingTicket = started
            requested = RequestedPass(requestedAt: time, pass: nil)
        }
        return started
    }

    /// The first pass numbered above `ticket`, once it finished; nil after `timeout`.
    public func report(after ticket: Int, timeout: Duration) async -> PassReport? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let last, last.number > ticket { return last }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
