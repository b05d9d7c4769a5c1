import BotpoolPlanner

/// How `Backend.processStates()` spells what runs, and how a pass's observation is spelled for
/// comparison with it: `pool/bot` → `STATE pid@start`. The start time tells apart processes of
/// a recreated pool, whose pids repeat. Every backend reads states this way; `ProcessWatch`
/// only compares.
public enum ProcessStates {
    public static func key(pool: String, bot: String) -> String {
        "\(pool)/\(bot)"
    }

    public static func value(_ process: ProcessState, pid: Int?, startedAt: Timestamp?) -> String {
        "\(process.rawValue) \(pid ?? 0)@\(Int(startedAt ?? 0))"
    }

    /// The states of the bots in running pools of an observation.
    public static func of(_ observed: ObservedState) -> [String: String] {
        var states: [String: String] = [:]
        for pool in observed.pools where pool.container == .running {
            for bot in pool.bots {
                states[key(pool: pool.name, bot: bot.id.name)] = value(bot.process, pid: bot.pid, startedAt: bot.startedAt)
            }
        }
        return states
    }
}
