import BotpoolClients
import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Foundation

/// One probe of each target, as the health history a single look can give: a success is
/// Running, a failure is one failure (below any threshold, so Starting).
actor OneShotProbes {
    private(set) var results: [BotID: HealthHistory] = [:]
    private let probe = Probe()

    func probe(_ targets: [ProbeTarget]) async {
        let probe = probe
        let outcomes = await withTaskGroup(of: (BotID, Bool).self) { group in
            for target in targets {
                group.addTask {
                    let result = await probe.http(address: target.host, port: target.port, path: target.path,
                                                  timeout: .seconds(target.timeoutSeconds))
                    return (target.bot, result.success)
                }
            }
            var outcomes: [(BotID, Bool)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let now = Date().timeIntervalSince1970
        for (bot, healthy) in outcomes {
            results[bot] = healthy ? HealthHistory(lastSuccessAt: now) : HealthHistory(consecutiveFailures: 1)
        }
    }
}
