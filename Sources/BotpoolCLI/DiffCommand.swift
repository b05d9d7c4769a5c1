import ArgumentParser
import BotpoolClients
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

    @Option(help: ArgumentHelp(
        "Also save the plan with a token over what it was made from, for `botpool apply-plan`.",
        valueName: "plan.json"))
    var out: String?

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
            if let out {
                guard let desired = await live.reconciler.lastDesired, let observed = await live.reconciler.lastObserved else {
                    throw ControllerError.file("the pass left no state to save a plan from")
                }
                let data = try SavedPlan.encode(plan, inputs: PlanInputs(desired: desired, observed: observed),
                                                manifests: URL(fileURLWithPath: common.manifestsPath).standardizedFileURL.path,
                                                allowMassDelete: allowMassDelete)
                try AtomicFile.write(data, to: out, permissions: 0o600)
            }
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
