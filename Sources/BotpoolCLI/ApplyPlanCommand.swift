import ArgumentParser
import BotpoolController
import BotpoolPlanner
import Foundation
import Logging

/// `botpool apply-plan plan.json`: runs a plan saved by `botpool diff --out`, like
/// `terraform apply plan.tfplan`, or refuses when the world moved since it was made.
public struct ApplyPlanCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "apply-plan",
        abstract: "Run a plan saved by `botpool diff --out`, only if nothing it was made from has changed.",
        discussion: """
            Reads the manifests and the pools again, makes the plan again and runs it only when the \
            token over what it was made from (every pool class, desired bot, pool container, occupied \
            slot and FreqTrade answer) and its actions are the ones saved; otherwise it runs nothing and \
            prints what changed. The actions run are always the ones made now, never read from the file. \
            Like `run --once`, it takes the state dir's lock: stop the daemon first.
            Exit status: 0 applied and converged, 1 refused (the world moved, or the plan was refused by \
            the mass-delete guard) or actions failed, 2 error (file unreadable or edited, Docker \
            unreachable, state dir locked).
            """
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: ArgumentHelp("The file `botpool diff --out` wrote.", valueName: "plan.json"))
    var planFile: String

    public init() {}

    public func run() async throws {
        var logger = Logger(label: "botpool.apply-plan")
        logger.logLevel = .critical
        let saved: SavedPlan
        let lock: StateDirLock
        do {
            saved = try SavedPlan.read(planFile)
            switch try StateDirLock.tryAcquire(stateDir: common.stateDirPath,
                                               holder: StateDirLock.describeThisProcess(command: "botpool apply-plan")) {
            case .acquired(let taken): lock = taken
            case .held(let owner): throw ControllerError.file("state dir \(common.stateDirPath) is locked by another controller: \(owner)")
            }
        } catch {
            Self.fail(error, status: 2)
        }
        defer { withExtendedLifetime(lock) {} }
        let result: PassResult
        do {
            let trading = TradingWatch()
            let live = try await LiveController.connect(
                common, reconcile: Reconciler.Options(allowMassDelete: saved.allowMassDelete), logger: logger,
                trading: { await trading.current() }, tradingCommand: { try await trading.command($0, target: $1) })
            // As `diff` made it: FreqTrade bots' open trades are part of what the plan was made from.
            try await live.reconciler.look()
            let traders = await live.reconciler.tradingTargets()
            if !traders.isEmpty { await trading.readOnce(traders) }
            result = try await live.reconciler.pass(reason: "apply-plan") { plan, desired, observed in
                try saved.check(plan, desired: desired, observed: observed)
            }
        } catch let error as SavedPlanError {
            Self.fail(error, status: 1)
        } catch {
            Self.fail(error, status: 2)
        }
        print(Self.describe(result), terminator: "")
        if !result.converged { throw ExitCode(1) }
    }

    /// One line per action with its outcome, then a summary line.
    static func describe(_ result: PassResult) -> String {
        if let refused = result.plan.refused { return "refused: \(refused)\n" }
        var text = ""
        for action in result.plan.actions {
            let outcome: String
            switch result.outcomes[action.id] {
            case .succeeded: outcome = "done"
            case .failed(let message): outcome = "FAILED: \(message)"
            case .skipped(let message): outcome = "skipped: \(message)"
            case .deferred, nil: outcome = "not run"
            }
            text += "\(SavedPlan.line(action)): \(outcome)\n"
        }
        let done = result.outcomes.values.count { $0 == .succeeded }
        text += "Applied \(done) of \(result.plan.actions.count) actions in \(String(format: "%.1f", result.durationSeconds)) s.\n"
        return text
    }

    private static func fail(_ error: any Error, status: Int32) -> Never {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        Foundation.exit(status)
    }
}
