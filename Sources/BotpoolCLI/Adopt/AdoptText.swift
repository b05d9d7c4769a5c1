import BotpoolController

/// What adopt prints about a bot; secret values never appear, only the files that hold them.
enum AdoptText {
    static func summary(_ bot: AdoptedBot, stateDir: String) -> String {
        var lines = [
            "container \(bot.container) → bot \(bot.tenant)/\(bot.bot), class \(bot.poolClass), port \(bot.publish):\(bot.port)",
            "  image    \(bot.image)",
            "  command  \(bot.command.joined(separator: " "))",
        ]
        for (name, value) in bot.env {
            switch value {
            case .value(let text): lines.append("  env      \(name)=\(text)")
            case .fromFile(let path): lines.append("  env      \(name) from file \(path) (0600)")
            }
        }
        if let data = bot.data {
            lines.append("  data     \(data.source) → \(dataDir(bot, stateDir: stateDir))/\(data.target) (copied)")
        }
        lines.append("  health   GET \(bot.healthPath) on \(bot.publish):\(bot.port)")
        return lines.joined(separator: "\n") + "\n"
    }

    static func steps(_ bot: AdoptedBot, number: Int, of total: Int, command: AdoptCommand) -> String {
        var lines = ["migrate \(bot.container) → \(bot.tenant)/\(bot.bot) (\(number) of \(total)):"]
        var step = 0
        func add(_ text: String) {
            step += 1
            lines.append("  \(step). \(text)")
        }
        if !bot.secrets.isEmpty {
            add("write \(bot.secrets.count) secret file(s) (0600): \(bot.secrets.map(\.path).joined(separator: ", "))")
        }
        add("stop container \(bot.container) (docker stop -t \(command.stopTimeout); not removed)")
        if let data = bot.data {
            add("copy \(data.source) to \(dataDir(bot, stateDir: command.common.stateDirPath))/\(data.target)")
        }
        add("write \(command.common.manifestsPath)/\(bot.manifestFile): the running controller starts the bot on \(bot.publish):\(bot.port)")
        add("wait up to \(command.timeout)s for GET \(bot.healthPath) on \(probeHost(bot)):\(bot.port) to answer 200")
        return lines.joined(separator: "\n") + "\n"
    }

    static func dataDir(_ bot: AdoptedBot, stateDir: String) -> String {
        stateDir + "/" + StateLayout.dataPath(tenant: bot.tenant, bot: bot.bot)
    }

    /// Where adopt checks a bot: its publish address, loopback for every address.
    static func probeHost(_ bot: AdoptedBot) -> String {
        bot.publish == "0.0.0.0" ? "127.0.0.1" : bot.publish
    }
}
