import BotpoolController
import BotpoolManifest
import BotpoolPlanner

/// The real Docker runtime, seeing only the pools of one class, so that a test pass on the
/// shared daemon never plans to remove pools other suites (or people) are running.
struct ClassScopedRuntime: ClusterRuntime {
    var base: DockerRuntime
    var poolClass: String

    func observe() async throws -> ObservedState {
        var observed = try await base.observe()
        observed.pools.removeAll { $0.poolClass != poolClass }
        return observed
    }

    func execute(_ action: Action, context: ActionContext) async throws {
        try await base.execute(action, context: context)
    }

    func probeHosts() async -> [String: String] {
        await base.probeHosts()
    }
}
