import BotpoolClients
import BotpoolManifest
import BotpoolPlanner

enum TradingTargets {
    /// Each FreqTrade bot's login: its `api.username` and the value of its password variable
    /// (a secret read this pass, or a literal).
    static func logins(_ bots: [Bot], secrets: [BotID: [String: String]]) -> [BotID: (Freqtrade.Credentials, Int)] {
        var result: [BotID: (Freqtrade.Credentials, Int)] = [:]
        for bot in bots {
            guard let api = bot.spec.freqtrade,
                  let variable = bot.spec.env.first(where: { $0.name == FreqtradeAPI.passwordVariable })
            else { continue }
            let password: String? = switch variable.value {
            case .literal(let text): text
            case .fromFile: secrets[bot.id]?[variable.name]
            }
            guard let password else { continue }
            result[bot.id] = (Freqtrade.Credentials(username: api.username, password: password), api.periodSeconds)
        }
        return result
    }

    /// Every FreqTrade bot whose process is up in a running pool, at its pool's address and port;
    /// also a bot whose manifest is gone while `logins` still has it (its removal waits for trades).
    static func compute(
        desired: DesiredState, observed: ObservedState, hosts: [String: String], logins: [BotID: (Freqtrade.Credentials, Int)]
    ) -> [TradingWatch.Target] {
        var targets = ProbeTargets.runningBots(desired: desired, observed: observed, hosts: hosts).compactMap { bot in
            logins[bot.manifest.id].map { login, period in
                TradingWatch.Target(bot: bot.manifest.id, host: bot.host, port: bot.port, credentials: login,
                                    periodSeconds: period, generation: bot.generation)
            }
        }
        let declared = Set(desired.bots.map(\.id)).union(desired.frozenBots)
        for pool in observed.pools.sorted(by: { $0.name < $1.name }) where pool.container == .running {
            guard let host = hosts[pool.name] else { continue }
            for program in pool.bots where [.running, .starting].contains(program.process) && !declared.contains(program.id) {
                guard let (login, period) = logins[program.id], !targets.contains(where: { $0.bot == program.id }) else { continue }
                targets.append(TradingWatch.Target(bot: program.id, host: host, port: pool.port(slot: program.slot),
                                                   credentials: login, periodSeconds: period,
                                                   generation: "\(program.pid ?? 0)@\(program.startedAt ?? 0)"))
            }
        }
        return targets.sorted { $0.bot < $1.bot }
    }
}
