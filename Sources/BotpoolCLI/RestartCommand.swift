import ArgumentParser
import BotpoolManifest
import Foundation

/// `botpool restart BOT [--force]`: a restart through the bot's disruption policy, or now.
public struct RestartCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Ask the running controller to restart a bot.",
        discussion: "The controller's next pass (started at once) restarts the bot. A bot with disruption policy "
            + "WhenFlat stops new entries and restarts once it has no open trade. With --force the bot restarts now, "
            + "open trades or not, and a change that waits for the bot (Draining, WaitingForFlat, WaitingForRollout) "
            + "goes ahead instead. Needs the daemon's status server (--server).")

    @Argument(help: "The bot's name, or tenant/name.", completion: NameCompletion.bot(command: "restart"))
    var bot: String

    @Option(help: "The bot's tenant (when BOT has no tenant/).", completion: NameCompletion.tenant(command: "restart"))
    var tenant = "default"

    @Flag(help: "Restart now, past the bot's disruption policy.")
    var force = false

    @OptionGroup var server: ServerOptions

    public init() {}

    public func run() async throws {
        try await BotRequestCommand.execute(kind: "restart", bot: bot, tenant: tenant, force: force, server: server).emit()
    }
}

/// `botpool rollout BOT`: lets the change a Manual bot waits for go ahead.
public struct RolloutCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Let the change a bot with disruption policy Manual waits for go ahead.",
        discussion: "The controller's next pass (started at once) applies the waiting change (restart for a new spec, "
            + "move, pool replacement, stop). With nothing waiting, nothing happens. Needs the daemon's status server (--server).")

    @Argument(help: "The bot's name, or tenant/name.", completion: NameCompletion.bot(command: "rollout"))
    var bot: String

    @Option(help: "The bot's tenant (when BOT has no tenant/).", completion: NameCompletion.tenant(command: "rollout"))
    var tenant = "default"

    @OptionGroup var server: ServerOptions

    public init() {}

    public func run() async throws {
        try await BotRequestCommand.execute(kind: "rollout", bot: bot, tenant: tenant, force: false, server: server).emit()
    }
}

enum BotRequestCommand {
    static func execute(kind: String, bot: String, tenant: String, force: Bool, server: ServerOptions) async -> CommandOutcome {
        let id = BotArgument.id(bot, tenant: tenant)
        if let problem = id.problem { return .failure("error: \(bot): \(problem)", exitCode: 2) }
        guard let url = server.server else {
            return .failure("error: \(kind) needs --server URL: the running controller (botpool run --listen) acts on it", exitCode: 2)
        }
        do {
            let token = try TokenFile.read(server.tokenFile)
            _ = try await BotRequestSender.send(kind: kind, bot: id, force: force, url: url, token: token)
        } catch {
            return .failure("error: \(error)")
        }
        var outcome = CommandOutcome()
        outcome.say("\(kind)\(force ? " --force" : "") of \(id) requested; `botpool get bots --server \(url)` shows what it waits for")
        return outcome
    }
}
