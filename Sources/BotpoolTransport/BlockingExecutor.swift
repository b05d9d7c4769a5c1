import Foundation

/// Runs blocking calls (a whole `curl_easy_perform`) on dedicated threads, so they never occupy
/// Swift's cooperative pool, which has one thread per core and stalls when they block.
///
/// Threads are made on demand up to `maxThreads`, reused while work keeps coming, and end after
/// `idleTimeout` without work. Past `maxThreads`, work queues in arrival order.
public final class BlockingExecutor: @unchecked Sendable {
    // @unchecked: every stored var below is read and written only while `condition` is locked.
    public static let shared = BlockingExecutor(maxThreads: 256)

    public let maxThreads: Int
    private let idleTimeout: TimeInterval
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var nextJob = 0
    private var idleThreads = 0
    private var threads = 0

    public init(maxThreads: Int, idleTimeout: Duration = .seconds(30)) {
        self.maxThreads = max(1, maxThreads)
        self.idleTimeout = Double(idleTimeout.milliseconds) / 1000
    }

    /// Runs `work` on one of the executor's threads and returns its result.
    public func run<Value: Sendable, Failure: Swift.Error>(
        _ work: @escaping @Sendable () throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        let result: Result<Value, Failure> = await withCheckedContinuation { continuation in
            enqueue {
                do throws(Failure) {
                    continuation.resume(returning: .success(try work()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// Threads alive now (busy or idle); for tests and metrics.
    public var threadCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return threads
    }

    private func enqueue(_ job: @escaping () -> Void) {
        condition.lock()
        jobs.append(job)
        let waiting = jobs.count - nextJob
        let spawn = waiting > idleThreads && threads < maxThreads
        if spawn { threads += 1 }
        condition.signal()
        condition.unlock()
        if spawn {
            let thread = Thread { [self] in workLoop() }
            thread.name = "botpool-blocking"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func workLoop() {
        while let job = nextJobOrExit() {
            job()
        }
    }

    private func nextJobOrExit() -> (() -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while nextJob == jobs.count {
            idleThreads += 1
            let signalled = condition.wait(until: Date(timeIntervalSinceNow: idleTimeout))
            idleThreads -= 1
            if !signalled && nextJob == jobs.count {
                threads -= 1
                return nil
            }
        }
        let job = jobs[nextJob]
        nextJob += 1
        if nextJob == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            nextJob = 0
        }
        return job
    }
}
