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

    /// Every FreqTrade bot whose process is up in a running pool, at its pool's address and port.
    static func compute(
        desired: DesiredState, observed: ObservedState, hosts: [String: String], logins: [BotID: (Freqtrade.Credentials, Int)]
    ) -> [TradingWatch.Target] {
        ProbeTargets.runningBots(desired: desired, observed: observed, hosts: hosts).compactMap { bot in
            guard let (login, period) = logins[bot.manifest.id] else { return nil }
            return TradingWatch.Target(bot: bot.manifest.id, host: bot.host, port: bot.port, credentials: login,
                                       periodSeconds: period, generation: bot.generation)
        }
    }
}
