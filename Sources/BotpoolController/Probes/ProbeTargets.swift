import BotpoolManifest
import BotpoolPlanner

enum ProbeTargets {
    /// Every desired bot with a health check whose process is up in a running pool. A bot's
    /// generation is its pid and start time, so a restarted process starts a fresh history.
    static func compute(desired: DesiredState, observed: ObservedState, hosts: [String: String]) -> [ProbeTarget] {
        let wanted = Dictionary(desired.bots.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var targets: [ProbeTarget] = []
        for pool in observed.pools where pool.container == .running {
            guard let host = hosts[pool.name] else { continue }
            for program in pool.bots where [.running, .starting].contains(program.process) {
                guard let bot = wanted[program.id], bot.spec.poolClass == pool.poolClass,
                      let health = bot.spec.health
                else { continue }
                targets.append(ProbeTarget(
                    bot: program.id, host: host, port: pool.port(slot: program.slot), path: health.httpPath,
                    periodSeconds: health.periodSeconds, timeoutSeconds: health.timeoutSeconds,
                    failureThreshold: health.failureThreshold, initialDelaySeconds: health.initialDelaySeconds,
                    generation: "\(program.pid ?? 0)@\(program.startedAt ?? 0)"
                ))
            }
        }
        return targets.sorted { $0.bot < $1.bot }
    }
}
