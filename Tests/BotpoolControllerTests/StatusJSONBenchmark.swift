@testable import BotpoolController
import Foundation
import NIOCore
import Testing

/// The status API's answer for 5,000 bots: one encoder over the snapshot against `StatusJSON`,
/// time and bytes. Run with bench/status-json.sh (release build); skipped unless BOTPOOL_BENCH=1.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BOTPOOL_BENCH"] == "1"))
struct StatusJSONBenchmark {
    @Test func streamedAgainstOneEncoder() async throws {
        let snapshot = StatusJSONTests.snapshot(bots: 5_000, pools: 250)
        let clock = ContinuousClock()
        var wholeBytes = 0
        var streamedBytes = 0
        var whole: [Duration] = []
        var streamed: [Duration] = []
        for _ in 0..<7 {
            whole.append(try clock.measure { wholeBytes = try StatusJSON.encoder().encode(snapshot).count })
            let start = clock.now
            streamedBytes = 0
            try await StatusJSON(snapshot).write { streamedBytes += $0.readableBytes }
            streamed.append(clock.now - start)
        }
        #expect(streamedBytes == wholeBytes)
        let median = { (times: [Duration]) in times.sorted()[times.count / 2] }
        print("StatusJSONBenchmark 5000 bots, \(wholeBytes) bytes: one encoder \(median(whole)), streamed \(median(streamed))")
    }
}
