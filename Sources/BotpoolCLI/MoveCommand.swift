import ArgumentParser
import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Foundation
import Logging

public struct MoveCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a bot to another swarm node; its data stays behind on the old one.",
        discussion: "For a bot whose node is lost (phase NodeLost) or must be emptied by hand. The bot is recorded "
            + "in a pool of its class on NODE (a new pool when none has room); the running controller's next pass starts "
            + "it there with an EMPTY data dir and removes every other copy, leaving that copy's data in its node's volume. "
            + "A copy on a node that is down is removed when the node comes back, before it could run beside the new one.")

    @Argument(help: "The bot's name, or tenant/name.", completion: NameCompletion.bot(command: "move"))
    var bot: String

    @Option(name: .customLong("to"), help: ArgumentHelp("The node's hostname or ID.", valueName: "node"))
    var node: String

    @Option(help: "The bot's tenant (when BOT has no tenant/).", completion: NameCompletion.tenant(command: "move"))
    var tenant = "default"

    @Option(name: [.short, .customLong("output")], help: "How to print what was done.")
    var output: OutputFormat = .table

    @OptionGroup var common: CommonOptions

    public init() {}

    public func run() async throws {
        try await Self.execute(bot: bot, tenant: tenant, node: node, format: output, common: common).emit()
    }

    static func execute(bot: String, tenant: String, node: String, format: OutputFormat, common: CommonOptions) async -> CommandOutcome {
        let id = BotArgument.id(bot, tenant: tenant)
        if let problem = id.problem { return .failure("error: \(bot): \(problem)", exitCode: 2) }
        do {
            guard try common.backendKind == .swarm else {
                return .failure("error: move is for the swarm backend (--backend swarm): on one host every pool is on the same node", exitCode: 2)
            }
            var logger = Logger(label: "botpool.move")
            logger.logLevel = .critical
            let manifests = try common.tenancy.loader.load(paths: [common.manifestsPath])
            let live = try await LiveController.connect(common, reconcile: Reconciler.Options(dryRun: true), logger: logger,
                                                        manifests: { manifests })
            guard let swarm = live.backend as? SwarmBackend else { return .failure("error: not a swarm backend", exitCode: 2) }
            let move = try await swarm.move(id, to: node, desired: DesiredState(manifests))
            var outcome = CommandOutcome()
            switch format {
            case .json: outcome.stdout = try OutputFormat.encodeJSON(move)
            case .yaml: outcome.stdout = try OutputFormat.encodeYAML(move)
            case .table, .wide: outcome.stdout = text(move)
            }
            return outcome
        } catch {
            return .failure("error: \(error)", exitCode: 1)
        }
    }

    static func text(_ move: SwarmMove) -> String {
        guard move.changed else {
            return "bot \(move.bot) already runs on node \(move.node) (pool \(move.pool), port \(move.port)); nothing changed\n"
        }
        var lines = ["bot \(move.bot) moved to node \(move.node): pool \(move.pool)\(move.createdPool ? " (new)" : ""), port \(move.port)"]
        lines.append("the next pass of the running controller starts it there with an EMPTY data dir")
        for copy in move.leftBehind {
            let when = copy.nodeState == "ready" ? "by that pass" : "when the node is back (it is \(copy.nodeState))"
            lines.append("its data stays on node \(copy.node); the copy in pool \(copy.pool) is stopped and removed \(when)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
