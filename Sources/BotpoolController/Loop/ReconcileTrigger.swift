/// Why a pass should run. Requests that arrive while a pass runs collapse into one more pass,
/// so passes never overlap and never queue up.
public final class ReconcileTrigger: Sendable {
    let requests: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation

    public init() {
        (requests, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks for a pass; `reason` is logged with it ("manifests changed", "resync", "SIGHUP" …).
    public func request(_ reason: String) {
        continuation.yield(reason)
    }

    func finish() {
        continuation.finish()
    }
}
