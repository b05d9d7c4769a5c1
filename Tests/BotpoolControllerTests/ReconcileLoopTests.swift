import BotpoolController
import Logging
import ServiceLifecycleTestKit
import Synchronization
import Testing

@Suite struct ReconcileLoopTests {
    /// Records passes and whether two ever ran at once.
    final class Passes: Sendable {
        struct State { var reasons: [String] = []; var running = 0; var overlapped = false }
        let state = Mutex(State())

        func run(_ reason: String) async {
            state.withLock {
                $0.reasons.append(reason)
                $0.running += 1
                if $0.running > 1 { $0.overlapped = true }
            }
            try? await Task.sleep(for: .milliseconds(100))
            state.withLock { $0.running -= 1 }
        }
    }

    @Test func requestsDuringAPassCollapseIntoOneMoreAndPassesNeverOverlap() async throws {
        let passes = Passes()
        let trigger = ReconcileTrigger()
        let loop = ReconcileLoop(resync: .seconds(3600), trigger: trigger, logger: Logger(label: "test")) {
            await passes.run($0)
        }
        try await testGracefulShutdown { shutdown in
            let task = Task { try await loop.run() }
            try await Task.sleep(for: .milliseconds(30))  // inside the "start" pass
            for i in 0..<10 { trigger.request("change \(i)") }
            try await Task.sleep(for: .milliseconds(400))
            shutdown.triggerGracefulShutdown()
            try await task.value
        }
        let state = passes.state.withLock { $0 }
        #expect(state.reasons == ["start", "change 9"])
        #expect(!state.overlapped)
    }

    @Test func resyncRunsPeriodically() async throws {
        let passes = Passes()
        let trigger = ReconcileTrigger()
        let loop = ReconcileLoop(resync: .milliseconds(150), trigger: trigger, logger: Logger(label: "test")) {
            await passes.run($0)
        }
        try await testGracefulShutdown { shutdown in
            let task = Task { try await loop.run() }
            // Wait for the resyncs rather than a fixed time: other suites may hold both cores.
            for _ in 0..<100 where passes.state.withLock({ $0.reasons.filter { $0 == "resync" }.count }) < 2 {
                try await Task.sleep(for: .milliseconds(100))
            }
            shutdown.triggerGracefulShutdown()
            try await task.value
        }
        let reasons = passes.state.withLock { $0.reasons }
        #expect(reasons.first == "start")
        #expect(reasons.filter { $0 == "resync" }.count >= 2)
    }
}
