import ArgumentParser
import BotpoolController
import BotpoolPlanner
import Foundation
import Logging

/// `botpool diff`: what a pass would do now, like `terraform plan`.
public struct DiffCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a reconcile pass would change, one line per action with its reason.",
        discussion: "Exit status: 0 no changes, 1 changes (or the plan would be refused), 2 error."
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var output: ValidateCommand.Format = .text

    @Flag(help: "Plan as `run --allow-mass-delete` would.")
    var allowMassDelete = false

    public init() {}

    public func run() async throws {
        var logger = Logger(label: "botpool.diff")
        logger.logLevel = .critical
        let plan: Plan
        let diagnostics: [String]
        do {
            let trading = TradingWatch()
            let live = try await LiveController.connect(
                common, reconcile: Reconciler.Options(dryRun: true, allowMassDelete: allowMassDelete), logger: logger,
                trading: { await trading.current() })
            var result = try await live.reconciler.pass(reason: "diff")
            // FreqTrade bots' open trades decide what waits (spec.disruption): read once, plan again.
            let traders = await live.reconciler.tradingTargets()
            if !traders.isEmpty {
                await trading.readOnce(traders)
                result = try await live.reconciler.pass(reason: "diff")
            }
            plan = result.plan
            diagnostics = result.diagnostics
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        for line in diagnostics { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        switch output {
        case .text:
            print(PlanRenderer.text(plan, color: isatty(STDOUT_FILENO) == 1, now: Date().timeIntervalSince1970), terminator: "")
        case .json:
            print(try PlanRenderer.json(plan))
        }
        // A change that waits for its bot's disruption policy is still a pending change.
        if !plan.isEmpty || !plan.disruptions.isEmpty { throw ExitCode(1) }
    }
}
