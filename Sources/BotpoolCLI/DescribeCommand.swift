import ArgumentParser
import BotpoolClients
import BotpoolController
import BotpoolManifest
import Foundation

/// `botpool describe bot [TENANT/]NAME [--tenant T]` / `describe pool NAME`.
public struct DescribeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show one bot or pool in detail: placement, port, conditions, restarts, log tail, events.",
        discussion: "Exit status: 0 shown, 1 not found, 2 error."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable, Sendable {
        case bot
        case pool
    }

    @Argument(help: "bot or pool.")
    var kind: Kind

    @Argument(help: "The pool's name, or the bot's: NAME (with --tenant) or TENANT/NAME.", completion: NameCompletion.describeName)
    var name: String

    @Option(help: "The bot's tenant.", completion: NameCompletion.tenant(command: "describe"))
    var tenant = "default"

    @OptionGroup var common: CommonOptions
    @OptionGroup var server: ServerOptions

    public init() {}

    public func run() async throws {
        let reader = try StatusReader(common: common, server: server)
        let snapshot: StatusSnapshot
        do {
            snapshot = try await reader.snapshot()
        } catch {
            try CommandOutcome.failure("error: \(error)", exitCode: 2).emit()
            return
        }
        var logTail = LogTailText.poolNotRunning
        let layout = StateLayout(path: common.stateDirPath)
        if kind == .bot, let bot = Self.bot(named: name, tenant: tenant, in: snapshot) {
            logTail = await LogTailText.read(bot: bot, pools: snapshot.pools, layout: layout)
        }
        if kind == .pool, snapshot.pools.first(where: { $0.name == name })?.zygote != nil {
            logTail = await LogTailText.read(program: Supervisor.ForkRuntime.programName, pool: name,
                                             pools: snapshot.pools, layout: layout, count: Self.zygoteLogLines)
        }
        let learned = kind == .pool
            ? LearnedPreload.reported(by: name, pid: snapshot.pools.first { $0.name == name }?.zygote?.pid, layout: layout)
            : nil
        try Self.execute(kind: kind, name: name, tenant: tenant, snapshot: snapshot, logTail: logTail,
                         learned: learned, fromServer: reader.isServer, now: Date()).emit()
    }

    /// The zygote logs a line per preload, serve and bot; a few show whether it serves.
    static let zygoteLogLines = 10

    /// `name` is NAME (in `tenant`) or TENANT/NAME, as every command's BOT argument.
    static func bot(named name: String, tenant: String, in snapshot: StatusSnapshot) -> BotView? {
        bot(BotArgument.id(name, tenant: tenant), in: snapshot)
    }

    static func bot(_ id: BotID, in snapshot: StatusSnapshot) -> BotView? {
        snapshot.bots.first { $0.name == id.name && $0.tenant == id.tenant }
    }

    /// Events are only known to the daemon; without `--server` they are nil ("use --server").
    /// `logTail` is the bot's log, or for a fork pool its zygote's; `learned` what a learning
    /// zygote of the pool reports.
    static func execute(
        kind: Kind, name: String, tenant: String, snapshot: StatusSnapshot, logTail: LogTailText,
        learned: LearnedPreload? = nil, fromServer: Bool, now: Date
    ) -> CommandOutcome {
        switch kind {
        case .bot:
            let id = BotArgument.id(name, tenant: tenant)
            guard let bot = bot(id, in: snapshot) else {
                let elsewhere = snapshot.bots.filter { $0.name == id.name }.map(\.tenant).sorted()
                let hint = elsewhere.isEmpty ? "" : " (it exists in tenant \(elsewhere.joined(separator: ", ")); use --tenant)"
                return .failure("bot \"\(id.name)\" not found in tenant \(id.tenant)" + hint)
            }
            let object = "\(bot.tenant)/\(bot.name)"
            let events = fromServer ? (snapshot.events ?? []).filter { $0.object == object } : nil
            return CommandOutcome(stdout: BotDescription.render(bot, logTail: logTail, events: events, now: now))
        case .pool:
            guard let pool = snapshot.pools.first(where: { $0.name == name }) else {
                return .failure("pool \"\(name)\" not found")
            }
            let events = fromServer ? (snapshot.events ?? []).filter { $0.object == name } : nil
            let bots = snapshot.bots.filter { $0.pool == name }
            return CommandOutcome(stdout: PoolDescription.render(
                pool, bots: bots, zygoteLog: pool.zygote == nil ? nil : logTail, learned: learned, events: events, now: now))
        }
    }
}
