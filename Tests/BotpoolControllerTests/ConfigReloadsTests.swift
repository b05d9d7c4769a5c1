@testable import BotpoolController
import Synchronization
import Testing

@Suite struct ConfigReloadsTests {
    struct ReloadFailed: Error, Equatable {}

    /// Counts reloads; each records how many files were committed when it started, and the
    /// first waits at a gate until the test opens it.
    final class FakeSupervisor: Sendable {
        struct State {
            var committed = 0
            var calls = 0
            /// `committed` as it was when each finished reload started.
            var covered: [Int] = []
            var gate: CheckedContinuation<Void, Never>?
            var holdFirst = true
            var failNext = false
        }

        let state = Mutex(State())

        func commit() -> Int { state.withLock { $0.committed += 1; return $0.committed } }

        func reload() async throws {
            let (seen, hold) = state.withLock { state -> (Int, Bool) in
                state.calls += 1
                defer { state.holdFirst = false }
                return (state.committed, state.holdFirst)
            }
            if hold {
                await withCheckedContinuation { continuation in state.withLock { $0.gate = continuation } }
            }
            try state.withLock { state in
                if state.failNext {
                    state.failNext = false
                    throw ReloadFailed()
                }
                state.covered.append(seen)
            }
        }

        func open() -> Bool {
            guard let gate = state.withLock({ state in defer { state.gate = nil }; return state.gate }) else { return false }
            gate.resume()
            return true
        }
    }

    /// 20 placements of one pool: the first reload starts alone; the 19 that ask while it runs
    /// share one more, which starts after their files were committed.
    @Test func requestsWhileAReloadRunsShareTheNextOne() async throws {
        let reloads = ConfigReloads()
        let supervisor = FakeSupervisor()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let mine = supervisor.commit()
                try await reloads.reload(pool: "p") { try await supervisor.reload() }
                #expect(supervisor.state.withLock { $0.covered.contains { $0 >= mine } })
            }
            // The first reload has started (and waits at the gate) before the others ask.
            while supervisor.state.withLock({ $0.gate == nil }) { try await Task.sleep(for: .milliseconds(5)) }
            for _ in 0..<19 {
                group.addTask {
                    let mine = supervisor.commit()
                    try await reloads.reload(pool: "p") { try await supervisor.reload() }
                    #expect(supervisor.state.withLock { $0.covered.contains { $0 >= mine } })
                }
            }
            while await reloads.waiting(pool: "p") < 20 { try await Task.sleep(for: .milliseconds(5)) }
            #expect(supervisor.open())
            try await group.waitForAll()
        }
        #expect(supervisor.state.withLock { $0.calls } == 2)
        #expect(supervisor.state.withLock { $0.covered } == [1, 20])
        #expect(await reloads.waiting(pool: "p") == 0)
    }

    @Test func aFailedReloadFailsTheRequestsItCoveredAndTheNextRequestReloadsAgain() async throws {
        let reloads = ConfigReloads()
        let supervisor = FakeSupervisor()
        supervisor.state.withLock { $0.holdFirst = false; $0.failNext = true }
        await #expect(throws: ReloadFailed.self) {
            try await reloads.reload(pool: "p") { try await supervisor.reload() }
        }
        try await reloads.reload(pool: "p") { try await supervisor.reload() }
        #expect(supervisor.state.withLock { $0.calls } == 2)
    }

    @Test func poolsReloadIndependently() async throws {
        let reloads = ConfigReloads()
        let supervisor = FakeSupervisor()
        supervisor.state.withLock { $0.holdFirst = false }
        try await reloads.reload(pool: "a") { try await supervisor.reload() }
        try await reloads.reload(pool: "b") { try await supervisor.reload() }
        try await reloads.reload(pool: "a") { try await supervisor.reload() }
        #expect(supervisor.state.withLock { $0.calls } == 3)
    }
}
