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

extension BotpoolCommand {
    /// The executable's entry point: parses the arguments and runs the chosen subcommand.
    /// Declared here so the async `main` of `AsyncParsableCommand` is the one chosen.
    public static func runFromCommandLine() async {
        let entry: () async -> Void = { await main(nil) }
        await entry()
    }
}
