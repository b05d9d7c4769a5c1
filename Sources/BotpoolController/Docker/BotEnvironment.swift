import BotpoolManifest

/// A bot's environment as its process gets it: the injected `BOTPOOL_*` variables, then the
/// manifest's, with `${BOTPOOL_…}` expanded and `fromFile` values filled in from the host.
enum BotEnvironment {
    static func resolve(_ bot: Bot, port: Int, dataDir: String, secrets: [String: String]) throws -> [String: String] {
        let injected = [
            "BOTPOOL_PORT": String(port),
            "BOTPOOL_BOT": bot.name,
            "BOTPOOL_TENANT": bot.tenant,
            "BOTPOOL_DATA_DIR": dataDir,
        ]
        // Bots run as their own uid, which has no home in the image: their data dir is one.
        var env = injected.merging(["HOME": dataDir]) { current, _ in current }
        for variable in bot.spec.env {
            switch variable.value {
            case .literal(let text):
                env[variable.name] = expand(text, with: injected)
            case .fromFile(let path):
                guard let value = secrets[variable.name] else {
                    throw ControllerError.secretUnavailable(bot: bot.id, variable: variable.name, path: path)
                }
                env[variable.name] = value
            }
        }
        return env
    }

    /// Replaces `${NAME}` for the injected names only; anything else stays as written.
    static func expand(_ text: String, with variables: [String: String]) -> String {
        guard text.contains("${") else { return text }
        var result = text
        for (name, value) in variables {
            result = result.replacingOccurrences(of: "${\(name)}", with: value)
        }
        return result
    }
}
