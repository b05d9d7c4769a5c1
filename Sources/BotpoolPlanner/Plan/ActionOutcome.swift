/// What became of one planned action in a pass: the executor's answer, a pass result's entry
/// and the in-memory world's, alike.
public enum ActionOutcome: Hashable, Sendable {
    case succeeded
    case failed(String)
    /// A dependency failed, was skipped, or is waiting for its retry back-off.
    case skipped(String)
    /// Its own retry back-off has not expired.
    case deferred
}
