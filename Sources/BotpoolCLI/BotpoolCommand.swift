import ArgumentParser

/// The `botpool` command line. Every subcommand lives in its own file in this module.
public struct BotpoolCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "botpool",
        abstract: "Reconcile trading bots declared in YAML manifests into pooled Docker containers.",
        subcommands: []
    )

    public init() {}
}
