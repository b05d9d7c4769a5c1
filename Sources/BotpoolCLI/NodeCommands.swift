import ArgumentParser
import BotpoolClients
import BotpoolController
import BotpoolTransport
import Foundation

/// `get nodes`, `cordon` and `uncordon`: the swarm's nodes through its manager's Engine API.
enum NodeCommands {
    static func manager(_ common: CommonOptions) async throws -> DockerEngine.Client {
        let certificates = ProcessInfo.processInfo.environment["DOCKER_CERT_PATH"].map { TLSOptions(dockerCertPath: $0) }
        let docker = try await DockerEngine.Client.connect(transport: try CurlTransport(endpoint: common.dockerHostURL, tls: certificates))
        let swarm = try await docker.swarmState()
        guard swarm.isManager else {
            throw SwarmError.notAManager("\(common.dockerHostURL) is not a swarm manager (swarm state: \(swarm.localNodeState))")
        }
        return docker
    }

    static func get(_ common: CommonOptions, format: OutputFormat) async -> CommandOutcome {
        do {
            let nodes = try await SwarmInventory.nodes(docker: try await manager(common), instance: try common.swarmInstanceName)
            var outcome = CommandOutcome()
            switch format {
            case .table, .wide: outcome.stdout = table(nodes)
            case .json: outcome.stdout = try OutputFormat.encodeJSON(nodes)
            case .yaml: outcome.stdout = try OutputFormat.encodeYAML(nodes)
            }
            return outcome
        } catch {
            return .failure("error: \(error)", exitCode: 2)
        }
    }

    static func table(_ nodes: [NodeView]) -> String {
        Table(
            headers: ["NAME", "STATUS", "AVAILABILITY", "ROLE", "ADDRESS", "CPUS", "MEMORY", "POOLS", "BOTS"],
            rows: nodes.map { node in
                [node.name, node.state, node.availability == "pause" ? "pause (cordoned)" : node.availability, node.role,
                 node.address, String(format: "%g", node.cpus), MemoryText.binary(node.memoryBytes), "\(node.pools)", "\(node.bots)"]
            }
        ).render()
    }

    static func setCordoned(_ cordoned: Bool, node: String, common: CommonOptions) async -> CommandOutcome {
        do {
            guard let view = try await SwarmInventory.setCordoned(cordoned, node: node, docker: try await manager(common),
                                                                 instance: try common.swarmInstanceName)
            else { return .failure("error: node \(node) kept changing; try again", exitCode: 1) }
            var outcome = CommandOutcome()
            outcome.stdout = cordoned
                ? "node \(view.name) cordoned: new pools go elsewhere; its \(view.pools) pools (\(view.bots) bots) keep running\n"
                : "node \(view.name) uncordoned: new pools may go there again\n"
            return outcome
        } catch {
            return .failure("error: \(error)", exitCode: 2)
        }
    }
}

public struct CordonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cordon",
        abstract: "Keep new pools off a swarm node; its pools keep running (swarm availability pause).")

    @Argument(help: "The node's hostname or ID.")
    var node: String

    @OptionGroup var common: CommonOptions

    public init() {}

    public func run() async throws {
        try await NodeCommands.setCordoned(true, node: node, common: common).emit()
    }
}

public struct UncordonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "uncordon",
        abstract: "Let new pools go to a swarm node again (swarm availability active).")

    @Argument(help: "The node's hostname or ID.")
    var node: String

    @OptionGroup var common: CommonOptions

    public init() {}

    public func run() async throws {
        try await NodeCommands.setCordoned(false, node: node, common: common).emit()
    }
}
