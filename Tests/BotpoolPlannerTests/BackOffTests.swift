import BotpoolPlanner
import Testing

/// One back-off rule for crash restarts and action retries: 10 s, doubling, 5 minutes at most.
@Suite struct BackOffTests {
    @Test func doublesFromTenSecondsUpToFiveMinutes() {
        let waits = (0...8).map { BackOff.standard.seconds(afterFailures: $0) }
        #expect(waits == [0, 10, 20, 40, 80, 160, 300, 300, 300])
        #expect(BackOff.standard.seconds(afterFailures: 10_000) == 300)
    }

    @Test func restartHistoryArmsTheSameWaits() {
        var history: RestartHistory?
        var waits: [Double] = []
        for restart in 0..<7 {
            history = RestartHistory.after(history, restartAt: Double(restart))
            waits.append(history?.backOffSeconds ?? -1)
        }
        #expect(waits == (1...7).map { Planner.restartBackOff.seconds(afterFailures: $0) })
        #expect(history?.count == 7)
    }
}
