#if canImport(Glibc)
import Glibc
#endif

/// CPU time of the calling thread: what a fuzzer's "bounded time" means. Wall time on a loaded
/// 2-core CI machine says more about the neighbours than about the code, while a blow-up
/// (exponential backtracking, an alias expanded) costs CPU on any machine.
public enum ThreadCPUTime {
    public static func now() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    /// The thread CPU time `body` took.
    public static func measure(_ body: () throws -> Void) rethrows -> Duration {
        let start = now()
        try body()
        return now() - start
    }
}
