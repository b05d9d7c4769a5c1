import Dispatch

/// Runs CPU-bound test work on a thread of its own, off Swift's cooperative pool. That pool has
/// one thread per core (two here): seconds of fuzzing on it would hold back every other suite
/// of the process that awaits a sleep or I/O (an `apply --wait` test timed out that way under
/// load). The work stays in its task, so `#expect` inside it is recorded as usual.
public enum OffPool {
    private static let executor = QueueExecutor()

    public static func run<T: Sendable>(_ work: @Sendable () async throws -> T) async rethrows -> T {
        try await withTaskExecutorPreference(executor) { try await work() }
    }
}

/// A task executor on one serial dispatch queue: at most one core, whatever runs on it.
final class QueueExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "botpool.tests.cpu-bound")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
