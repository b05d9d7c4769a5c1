import ArgumentParser
import BotpoolController
import Foundation

/// `botpool get bots|pools`: the live state as a kubectl-style table, JSON or YAML.
public struct GetCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "List bots, pools or (on --backend swarm) nodes with their live state.",
        discussion: """
            Reads Docker and supervisord directly (a dry-run pass: changes nothing), or the status \
            API of a running `botpool run` with --server. -o json and -o yaml print the bots (or \
            pools) array of /api/v1/status. `get nodes` asks the swarm manager at --docker-host \
            for its nodes and counts the pools and bots of --swarm-instance on each.
            """
    )

    enum Resource: String, ExpressibleByArgument, CaseIterable, Sendable {
        case bots
        case pools
        case nodes

        init?(argument: String) {
            switch argument {
            case "bots", "bot": self = .bots
            case "pools", "pool": self = .pools
            case "nodes", "node": self = .nodes
            default: return nil
            }
        }
    }

    @Argument(help: "bots, pools or nodes.")
    var resource: Resource

    @OptionGroup var common: CommonOptions
    @OptionGroup var server: ServerOptions

    @Option(name: .shortAndLong, help: "Output format: table, wide (bots: with each manifest's path and Git commit), json or yaml.")
    var output: OutputFormat = .table

    @Option(help: "Only this tenant's bots and pools.")
    var tenant: String?

    public init() {}

    public func run() async throws {
        if resource == .nodes {
            try await NodeCommands.get(common, format: output).emit()
            return
        }
        let snapshot: StatusSnapshot
        do {
            snapshot = try await StatusReader(common: common, server: server).snapshot()
        } catch let error as ValidationError {
            throw error
        } catch {
            try CommandOutcome.failure("error: \(error)", exitCode: 2).emit()
            return
        }
        try Self.execute(snapshot, resource: resource, format: output, tenant: tenant, now: Date()).emit()
    }

    static func execute(
        _ snapshot: StatusSnapshot, resource: Resource, format: OutputFormat, tenant: String?, now: Date
    ) -> CommandOutcome {
        let bots = snapshot.bots.filter { tenant == nil || $0.tenant == tenant }
        let pools = snapshot.pools.filter { tenant == nil || $0.tenant == tenant }
        do {
            var outcome = CommandOutcome()
            switch (resource, format) {
            case (.bots, .table), (.bots, .wide):
                outcome.stdout = bots.isEmpty ? "" : StatusTables.bots(bots, now: now, wide: format == .wide)
                if bots.isEmpty { outcome.warn(noneFound("bots", tenant: tenant)) }
            case (.pools, .table), (.pools, .wide):
                outcome.stdout = pools.isEmpty ? "" : StatusTables.pools(pools)
                if pools.isEmpty { outcome.warn(noneFound("pools", tenant: tenant)) }
            case (.bots, .json): outcome.stdout = try OutputFormat.encodeJSON(bots)
            case (.pools, .json): outcome.stdout = try OutputFormat.encodeJSON(pools)
            case (.bots, .yaml): outcome.stdout = try OutputFormat.encodeYAML(bots)
            case (.pools, .yaml): outcome.stdout = try OutputFormat.encodeYAML(pools)
            case (.nodes, _): return .failure("error: nodes are read from the swarm, not from a status snapshot", exitCode: 2)
            }
            for line in snapshot.diagnostics { outcome.warn(line) }
            return outcome
        } catch {
            return .failure("error: cannot encode \(resource.rawValue): \(error)", exitCode: 2)
        }
    }

    private static func noneFound(_ what: String, tenant: String?) -> String {
        tenant.map { "No \(what) found in tenant \($0)." } ?? "No \(what) found."
    }
}
