import BotpoolManifest
import BotpoolPlanner

enum ProbeTargets {
    /// Every desired bot with a health check whose process is up in a running pool. A bot's
    /// generation is its pid and start time, so a restarted process starts a fresh history.
    static func compute(desired: DesiredState, observed: ObservedState, hosts: [String: String]) -> [ProbeTarget] {
        runningBots(desired: desired, observed: observed, hosts: hosts).compactMap { bot in
            guard let health = bot.manifest.spec.health else { return nil }
            return ProbeTarget(
                bot: bot.manifest.id, host: bot.host, port: bot.port, path: health.httpPath,
                periodSeconds: health.periodSeconds, timeoutSeconds: health.timeoutSeconds,
                failureThreshold: health.failureThreshold, initialDelaySeconds: health.initialDelaySeconds,
                generation: bot.generation)
        }
    }

    /// A desired bot whose process is up in a running pool of its class, and where it listens.
    struct RunningBot {
        var manifest: Bot
        var host: String
        var port: Int
        /// Its pid and start time: changes with the process.
        var generation: String
    }

    static func runningBots(desired: DesiredState, observed: ObservedState, hosts: [String: String]) -> [RunningBot] {
        let wanted = Dictionary(desired.bots.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [RunningBot] = []
        for pool in observed.pools where pool.container == .running {
            guard let host = hosts[pool.name] else { continue }
            for program in pool.bots where [.running, .starting].contains(program.process) {
                guard let bot = wanted[program.id], bot.spec.poolClass == pool.poolClass else { continue }
                found.append(RunningBot(manifest: bot.bot, host: host, port: pool.port(slot: program.slot),
                                        generation: "\(program.pid ?? 0)@\(program.startedAt ?? 0)"))
            }
        }
        return found.sorted { $0.manifest.id < $1.manifest.id }
    }
}
