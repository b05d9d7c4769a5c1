import BotpoolController
import BotpoolPlanner

/// The planner's `InMemoryWorld` behind the controller's seam, for fast controller tests.
public actor InMemoryBackend: Backend {
    public private(set) var world: InMemoryWorld

    public init(_ world: InMemoryWorld = InMemoryWorld()) {
        self.world = world
    }

    public func observe() async throws -> ObservedState {
        var state = world.observe()
        // The controller supplies its own memory; the world does not hold it.
        state.health = [:]
        state.restarts = [:]
        return state
    }

    public func execute(_ action: Action, context: ActionContext) async throws {
        if case .failed(let message) = world.execute(action, desired: context.desired, now: context.now) {
            throw InMemoryWorldError(message: message)
        }
    }

    public func probeHosts() async -> [String: String] {
        Dictionary(uniqueKeysWithValues: world.state.pools.map { ($0.name, "127.0.0.1") })
    }

    public func processStates() async -> [String: String] {
        ProcessStates.of(world.state)
    }

    /// Changes the world behind the controller's back (crashes, vanished containers, faults).
    public func mutate(_ change: @Sendable (inout InMemoryWorld) -> Void) {
        change(&world)
    }
}

public struct InMemoryWorldError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}
