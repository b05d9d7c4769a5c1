import BotpoolController
import BotpoolManifest
import Foundation

/// `apply --wait`: reads the status once a second until every applied bot is in the phase its
/// manifest asks for (Running, or Stopped for `state: stopped`), printing each change of phase.
struct ApplyWait: Sendable {
    /// Bot to the phase that counts as ready.
    var expected: [BotID: String]
    var timeout: Duration
    var interval: Duration = .seconds(1)
    var read: @Sendable () async throws -> StatusSnapshot
    var progress: @Sendable (String) -> Void

    init(bots: [Bot], timeout: Duration, interval: Duration = .seconds(1),
         read: @escaping @Sendable () async throws -> StatusSnapshot, progress: @escaping @Sendable (String) -> Void) {
        expected = Dictionary(bots.map { ($0.id, $0.spec.state == .stopped ? "Stopped" : "Running") },
                              uniquingKeysWith: { first, _ in first })
        self.timeout = timeout
        self.interval = interval
        self.read = read
        self.progress = progress
    }

    /// The bots not ready when time ran out, with their last phase and reason; empty when all are.
    func run() async -> [String] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var phases: [BotID: String] = [:]
        var reasons: [BotID: String] = [:]
        while true {
            do {
                let snapshot = try await read()
                for view in snapshot.bots {
                    let id = BotID(tenant: view.tenant, name: view.name)
                    guard expected[id] != nil else { continue }
                    let old = phases[id]
                    if old != view.phase {
                        progress(old.map { "\(id): \($0) → \(view.phase)" } ?? "\(id): \(view.phase)")
                        phases[id] = view.phase
                    }
                    reasons[id] = view.reason
                }
            } catch {
                progress("warning: cannot read the status: \(error)")
            }
            let waiting = expected.keys.sorted().filter { phases[$0] != expected[$0] }
            if waiting.isEmpty { return [] }
            if clock.now >= deadline {
                return waiting.map { id in
                    "\(id) (\(phases[id] ?? "not seen")\(reasons[id].map { ": \($0)" } ?? ""))"
                }
            }
            try? await Task.sleep(for: min(interval, deadline - clock.now))
        }
    }
}
