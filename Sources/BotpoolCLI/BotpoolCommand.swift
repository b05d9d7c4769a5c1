import ArgumentParser
import BotpoolController
import Foundation

/// The `botpool` command line. Every subcommand lives in its own file in this module.
public struct BotpoolCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "botpool",
        abstract: "Reconcile trading bots declared in YAML manifests into pooled Docker containers.",
        version: BuildInfo.version,
        subcommands: [
            RunCommand.self, DiffCommand.self, ApplyCommand.self, DeleteCommand.self, GetCommand.self,
            DescribeCommand.self, ValidateCommand.self, CordonCommand.self, UncordonCommand.self, MoveCommand.self,
            RestartCommand.self, RolloutCommand.self, ReconcileCommand.self, ApplyPlanCommand.self, AdoptCommand.self,
            SchemaCommand.self,
        ]
    )

    public init() {}
}

extension BotpoolCommand {
    /// The process entry point. Not `main()`: plain `await BotpoolCommand.main()` resolves to the
    /// synchronous `ParsableCommand.main()`, which refuses async subcommands, and
    /// ArgumentParser exits 64 on usage errors where botpool's contract says 2. The async parse
    /// runs the name completions (`NameCompletion`), which read the live state.
    public static func start() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
