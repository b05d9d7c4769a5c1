import BotpoolPlanner

/// The planner's `InMemoryRuntime` behind the controller's seam, for fast controller tests.
public actor InMemoryClusterRuntime: ClusterRuntime {
    public private(set) var runtime: InMemoryRuntime

    public init(_ runtime: InMemoryRuntime = InMemoryRuntime()) {
        self.runtime = runtime
    }

    public func observe() async throws -> ObservedState {
        var state = runtime.observe()
        // The controller supplies its own memory; the world does not hold it.
        state.health = [:]
        state.restarts = [:]
        return state
    }

    public func execute(_ action: Action, context: ActionContext) async throws {
        if case .failed(let message) = runtime.execute(action, desired: context.desired, now: context.now) {
            throw InMemoryRuntimeError(message: message)
        }
    }

    public func probeHosts() async -> [String: String] {
        Dictionary(uniqueKeysWithValues: runtime.state.pools.map { ($0.name, "127.0.0.1") })
    }

    public func processStates() async -> [String: String] {
        ProcessWatch.states(of: runtime.state)
    }

    /// Changes the world behind the controller's back (crashes, vanished containers, faults).
    public func mutate(_ change: @Sendable (inout InMemoryRuntime) -> Void) {
        change(&runtime)
    }
}

public struct InMemoryRuntimeError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
