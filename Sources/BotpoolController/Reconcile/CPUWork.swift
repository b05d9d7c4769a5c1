import BotpoolTransport

/// The CPU-bound steps of a pass — loading manifests, planning — run on one thread of their
/// own, not on Swift's cooperative pool. That pool has one thread per core (two here); a pass
/// over 1,000 bots holds one for up to a second, and everything else the daemon awaits (probe
/// results, supervisord and Docker answers, the process watch) resumes on the same pool, so it
/// would wait behind the pass and time out on paper while the answer was already there.
enum CPUWork {
    private static let executor = BlockingExecutor(maxThreads: 1, idleTimeout: .seconds(300))

    static func run<Value: Sendable, Failure: Swift.Error>(
        _ work: @escaping @Sendable () throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        try await executor.run(work)
    }
}
