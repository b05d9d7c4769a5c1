import BotpoolPlanner
import Logging

/// Runs a plan's actions in dependency order: every action whose dependencies succeeded runs
/// in the same wave, up to `concurrency` at a time (pools created in parallel, then bots placed
/// in parallel). One failed action never stops the others; its dependents are skipped.
struct PlanExecutor: Sendable {
    var runtime: any ClusterRuntime
    var concurrency: Int
    var logger: Logger

    enum Outcome: Sendable, Equatable {
        case succeeded
        case failed(String)
        /// A dependency failed, was skipped, or is waiting for its retry back-off.
        case skipped(String)
        /// Its own retry back-off has not expired.
        case deferred
    }

    func execute(_ actions: [Action], context: ActionContext, deferred: Set<Int>) async -> [Int: Outcome] {
        var outcomes: [Int: Outcome] = [:]
        var remaining = actions
        while !remaining.isEmpty {
            var wave: [Action] = []
            var later: [Action] = []
            for action in remaining {
                if deferred.contains(action.id) {
                    outcomes[action.id] = .deferred
                } else if let blocker = action.dependsOn.first(where: { outcomes[$0] != nil && outcomes[$0] != .succeeded }) {
                    outcomes[action.id] = .skipped("depends on action \(blocker), which did not succeed")
                } else if action.dependsOn.allSatisfy({ outcomes[$0] == .succeeded }) {
                    wave.append(action)
                } else {
                    later.append(action)
                }
            }
            if wave.isEmpty {
                // Dependencies outside the plan cannot be met; report rather than spin.
                for action in later { outcomes[action.id] = .skipped("unmet dependency") }
                break
            }
            for (id, outcome) in await run(wave, context: context) { outcomes[id] = outcome }
            remaining = later
        }
        return outcomes
    }

    private func run(_ wave: [Action], context: ActionContext) async -> [(Int, Outcome)] {
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var results: [(Int, Outcome)] = []
            var iterator = wave.makeIterator()
            func startNext() -> Bool {
                guard let action = iterator.next() else { return false }
                group.addTask { await (action.id, self.runOne(action, context: context)) }
                return true
            }
            for _ in 0..<max(1, concurrency) where !startNext() { break }
            while let result = await group.next() {
                results.append(result)
                _ = startNext()
            }
            return results
        }
    }

    private func runOne(_ action: Action, context: ActionContext) async -> Outcome {
        do {
            try await runtime.execute(action, context: context)
            return .succeeded
        } catch {
            return .failed("\(error)")
        }
    }
}
