import BotpoolPlanner
import Logging

/// Runs a plan's actions in dependency order, each as soon as the actions it depends on have
/// succeeded, up to `concurrency` at a time: the bots of the first pool are being placed while
/// later pools are still being created. One failed action never stops the others; its
/// dependents are skipped. With a `fence`, no action starts once the term is invalid: a
/// deposed leader's pass stops between actions, not only at its start.
struct PlanExecutor: Sendable {
    var backend: any Backend
    var concurrency: Int
    var fence: LeaderTerm?
    var logger: Logger
    /// Drain and resume go to the bot's own API, not through the backend.
    var trading: @Sendable (Action) async throws -> Void = { action in
        throw ControllerError.file("\(action.kind.rawValue): no FreqTrade API access in this pass")
    }

    init(backend: any Backend, concurrency: Int, fence: LeaderTerm? = nil, logger: Logger) {
        self.backend = backend
        self.concurrency = concurrency
        self.fence = fence
        self.logger = logger
    }

    func execute(_ actions: [Action], context: ActionContext, deferred: Set<Int>) async -> [Int: ActionOutcome] {
        var outcomes: [Int: ActionOutcome] = [:]
        var waiting = actions
        await withTaskGroup(of: (Int, ActionOutcome).self) { group in
            var running = 0
            /// Settles what can be settled without running, starts what is ready.
            func advance() {
                var progress = true
                while progress {
                    progress = false
                    var stillWaiting: [Action] = []
                    for action in waiting {
                        if let reason = fence?.lossReason {
                            outcomes[action.id] = .skipped("not the leader: \(reason)")
                            progress = true
                        } else if deferred.contains(action.id) {
                            outcomes[action.id] = .deferred
                            progress = true
                        } else if let blocker = action.dependsOn.first(where: { outcomes[$0].map { $0 != .succeeded } ?? false }) {
                            outcomes[action.id] = .skipped("depends on action \(blocker), which did not succeed")
                            progress = true
                        } else if running < max(1, concurrency), action.dependsOn.allSatisfy({ outcomes[$0] == .succeeded }) {
                            running += 1
                            group.addTask { await (action.id, self.runOne(action, context: context)) }
                        } else {
                            stillWaiting.append(action)
                        }
                    }
                    waiting = stillWaiting
                }
            }
            advance()
            while let (id, outcome) = await group.next() {
                outcomes[id] = outcome
                running -= 1
                advance()
            }
        }
        // Dependencies outside the plan can never be met; report rather than wait.
        for action in waiting { outcomes[action.id] = .skipped("unmet dependency") }
        return outcomes
    }

    private func runOne(_ action: Action, context: ActionContext) async -> ActionOutcome {
        // A task may start a while after it was queued; the term is checked again right here.
        if let reason = fence?.lossReason { return .skipped("not the leader: \(reason)") }
        do {
            if action.isTradingAction {
                try await trading(action)
            } else {
                try await backend.execute(action, context: context)
            }
            return .succeeded
        } catch {
            return .failed("\(error)")
        }
    }
}
