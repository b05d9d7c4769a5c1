import ArgumentParser

/// The `botpool` command line. Every subcommand lives in its own file in this module.
public struct BotpoolCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "botpool",
        abstract: "Reconcile trading bots declared in YAML manifests into pooled Docker containers.",
        subcommands: [ValidateCommand.self]
    )

    public init() {}
}

extension BotpoolCommand {
    /// The process entry point. Plain `await BotpoolCommand.main()` resolves to the synchronous
    /// `ParsableCommand.main()`, which refuses to run async subcommands; the generic pins the
    /// async one.
    public static func start() async {
        await runAsync(Self.self)
    }

    private static func runAsync<Command: AsyncParsableCommand>(_ command: Command.Type) async {
        await command.main()
    }
}
