import Synchronization

/// Proxied requests in flight per caller, refused (not queued) past the limit: a flood from one
/// tenant gets 429 at once and never holds a slot another tenant could use. The operator's token
/// has a bucket of its own, so neither starves the other.
final class InflightLimit: Sendable {
    let limit: Int
    private let counts = Mutex<[StatusAccess: Int]>([:])

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `operation` when `caller` has a free slot; nil, without running it, when not.
    func run<T: Sendable>(_ caller: StatusAccess, _ operation: () async throws -> T) async rethrows -> T? {
        let entered = counts.withLock { counts -> Bool in
            guard counts[caller, default: 0] < limit else { return false }
            counts[caller, default: 0] += 1
            return true
        }
        guard entered else { return nil }
        defer {
            counts.withLock { counts in
                counts[caller, default: 1] -= 1
                if counts[caller] == 0 { counts[caller] = nil }
            }
        }
        return try await operation()
    }

    /// Requests in flight now for `caller`.
    func inflight(_ caller: StatusAccess) -> Int {
        counts.withLock { $0[caller, default: 0] }
    }
}
