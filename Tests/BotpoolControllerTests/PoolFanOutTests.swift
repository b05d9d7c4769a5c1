@testable import BotpoolController
import Synchronization
import Testing

@Suite struct PoolFanOutTests {
    /// How many transforms run at once, and the most that ever did.
    final class InFlight: Sendable {
        let counts = Mutex((now: 0, most: 0))

        func enter() { counts.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
        func leave() { counts.withLock { $0.now -= 1 } }
        var most: Int { counts.withLock { $0.most } }
    }

    @Test func everyElementIsMappedWithAtMostLimitRunning() async {
        let inFlight = InFlight()
        let results = await PoolFanOut.map(Array(0..<50), limit: 4) { element in
            inFlight.enter()
            // Suspends, so that the other tasks get to start while this one is in flight.
            for _ in 0..<3 { await Task.yield() }
            inFlight.leave()
            return element * 2
        }
        #expect(results.sorted() == (0..<50).map { $0 * 2 })
        #expect(inFlight.most <= 4)
    }

    @Test func fewerElementsThanTheLimitAndNone() async {
        #expect(await PoolFanOut.map([1, 2], limit: 16) { $0 + 1 }.sorted() == [2, 3])
        #expect(await PoolFanOut.map([Int](), limit: 16) { $0 }.isEmpty)
        // A limit below one still maps everything, one at a time.
        #expect(await PoolFanOut.map([1, 2, 3], limit: 0) { $0 }.sorted() == [1, 2, 3])
    }
}
