import Synchronization

/// One stretch of leadership. Valid until its local deadline (the last successful renewal's
/// send time + the renew deadline, on this process's monotonic clock) passes or it is ended;
/// once invalid it stays invalid. Callers check `isValid` before every outside call.
public final class LeaderTerm: Sendable {
    /// The etcd revision that created the leader key: higher for every later leader.
    public let epoch: Int64
    public let renewDeadline: Duration
    private let state: Mutex<State>

    private struct State {
        var deadline: ContinuousClock.Instant
        var endedBecause: String?
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    /// `renewedAt`: when the request that last proved the lease alive was sent.
    public init(epoch: Int64, renewedAt: ContinuousClock.Instant, renewDeadline: Duration) {
        self.epoch = epoch
        self.renewDeadline = renewDeadline
        state = Mutex(State(deadline: renewedAt + renewDeadline))
    }

    public var isValid: Bool {
        state.withLock { $0.endedBecause == nil && ContinuousClock.now < $0.deadline }
    }

    /// Why the term is over; nil while valid.
    public var lossReason: String? {
        state.withLock { state in
            if let why = state.endedBecause { return why }
            return ContinuousClock.now < state.deadline ? nil
                : "no renewal for longer than the renew deadline (\(renewDeadline))"
        }
    }

    /// A renewal sent at `sentAt` succeeded. Too late if the deadline has passed meanwhile: a
    /// term never comes back.
    public func renewed(sentAt: ContinuousClock.Instant) {
        state.withLock { state in
            guard state.endedBecause == nil, ContinuousClock.now < state.deadline else { return }
            state.deadline = max(state.deadline, sentAt + renewDeadline)
        }
    }

    /// Ends the term and wakes everyone waiting in `lost()`. The first reason stays.
    public func end(_ why: String) {
        let waiters = state.withLock { state in
            if state.endedBecause == nil { state.endedBecause = why }
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the term has been ended (or the waiting task is cancelled).
    public func lost() async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.endedBecause != nil || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
