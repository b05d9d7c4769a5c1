import BotpoolManifest
import BotpoolPlanner

/// Docker, supervisord and the controller's memory in one value: applies plans to an
/// `ObservedState` the way the real executor would, with knobs to make things go wrong.
/// The only fake the controller's tests need.
///
/// It keeps what the controller keeps between passes too: probe results (a started bot's first
/// probe succeeds unless `failProbes` says otherwise) and restart history (`plan.restartHistory`
/// is stored by `apply`).
public struct InMemoryWorld: Sendable {
    public var state: ObservedState
    /// Actions that will fail, consumed as they match.
    public var actionFaults: [ActionFault] = []
    /// Bots whose next starts crash at once.
    public var startFaults: [BotID: StartFault] = [:]
    var nextPID = 100

    public init(_ state: ObservedState = ObservedState()) {
        self.state = state
    }

    public func observe() -> ObservedState { state }

    /// Runs the plan's actions in order; an action whose dependency did not succeed is skipped.
    /// Returns one outcome per action.
    @discardableResult
    public mutating func apply(_ plan: Plan, desired: DesiredState, now: Timestamp) -> [ActionOutcome] {
        var outcomes: [ActionOutcome] = []
        for action in plan.actions {
            if let blocker = action.dependsOn.first(where: { $0 >= outcomes.count || outcomes[$0] != .succeeded }) {
                outcomes.append(.skipped("depends on action \(blocker), which did not succeed"))
                continue
            }
            outcomes.append(execute(action, desired: desired, now: now))
        }
        state.drains = plan.drains
        state.requests = plan.requests
        if plan.refused == nil { state.restarts = plan.restartHistory }
        return outcomes
    }

    /// Executes one action as the controller's executor would.
    public mutating func execute(_ action: Action, desired: DesiredState, now: Timestamp) -> ActionOutcome {
        if let index = actionFaults.firstIndex(where: { $0.matches(action) }) {
            let fault = actionFaults[index]
            if fault.times <= 1 { actionFaults.remove(at: index) } else { actionFaults[index].times -= 1 }
            return .failed(fault.message)
        }
        do {
            switch action.kind {
            case .createPool: try createPool(action.pool, desired: desired, now: now)
            case .removePool: try removePool(action.pool.name)
            case .replacePool: try replacePool(action.pool.name, desired: desired, now: now)
            case .placeBot: try placeBot(action, desired: desired, now: now)
            case .removeBot: try removeBot(action, now: now)
            case .updateBot, .startBot, .stopBot, .restartBot: try changeBot(action, desired: desired, now: now)
            case .drainBot, .resumeBot: try tradingCall(action)
            }
            return .succeeded
        } catch {
            return .failed(error.message)
        }
    }
}

/// Makes matching actions fail `times` times. nil fields match anything.
public struct ActionFault: Hashable, Sendable {
    public var kind: Action.Kind?
    public var pool: String?
    public var bot: BotID?
    public var times: Int
    public var message: String

    public init(kind: Action.Kind? = nil, pool: String? = nil, bot: BotID? = nil, times: Int = 1, message: String = "injected failure") {
        self.kind = kind
        self.pool = pool
        self.bot = bot
        self.times = times
        self.message = message
    }

    func matches(_ action: Action) -> Bool {
        (kind == nil || kind == action.kind) && (pool == nil || pool == action.pool.name)
            && (bot == nil || bot == action.bot)
    }
}

/// The next `times` starts of a bot end at once with `exitStatus` (FATAL when `fatal`).
public struct StartFault: Hashable, Sendable {
    public var exitStatus: Int
    public var fatal: Bool
    public var times: Int

    public init(exitStatus: Int = 1, fatal: Bool = false, times: Int = 1) {
        self.exitStatus = exitStatus
        self.fatal = fatal
        self.times = times
    }
}
