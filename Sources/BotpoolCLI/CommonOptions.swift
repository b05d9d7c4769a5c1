import ArgumentParser
import BotpoolController
import Foundation

/// The options every command that reads manifests or live state shares (docs/cli.md).
/// Each falls back to its environment variable, then to the default.
public struct CommonOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp(
        "Directory of manifests (env BOTPOOL_MANIFESTS).", valueName: "dir"))
    var manifests: String?

    @Option(name: .long, help: ArgumentHelp(
        "Host directory for pool configs and bot data (env BOTPOOL_STATE_DIR).", valueName: "dir"))
    var stateDir: String?

    @Option(name: .long, help: ArgumentHelp(
        "Docker engine: unix:///path.sock, http://host:port or https://host:port (env DOCKER_HOST).",
        valueName: "url"))
    var dockerHost: String?

    @Option(name: .long, help: ArgumentHelp(
        "Directory of secret files; tenant T's env fromFile paths must lie below DIR/T/ (env BOTPOOL_SECRETS_DIR, default /etc/botpool/secrets).",
        valueName: "dir"))
    var secretsDir: String?

    @Option(name: .long, help: ArgumentHelp(
        "Where pools run: docker (containers on --docker-host) or swarm (services through a swarm manager at --docker-host) (env BOTPOOL_BACKEND).",
        valueName: "docker|swarm"))
    var backend: BackendKind?

    @Option(name: .long, help: ArgumentHelp(
        "On --backend swarm, the name of this controller's pools, networks and secrets in the swarm: letters, digits and '-', up to 20 (env BOTPOOL_SWARM_INSTANCE, default \"default\").",
        valueName: "name"))
    var swarmInstance: String?

    @Option(name: .long, help: ArgumentHelp(
        "On --backend swarm, how the controller reaches each pool's supervisord: overlay (the pool's own overlay network, through a control container on the manager; the controller must run on that manager's host as root) or published (a port published on the pool's node, behind the pool's login; for a controller in a container) (env BOTPOOL_SWARM_CHANNEL, default overlay).",
        valueName: "overlay|published"))
    var swarmChannel: SwarmChannel?

    @Option(name: .long, help: ArgumentHelp(
        "On --swarm-channel overlay, the image of the idle control container: any image with sleep (env BOTPOOL_SWARM_CONTROL_IMAGE, default botpool/pool:dev).",
        valueName: "image"))
    var swarmControlImage: String?

    @OptionGroup var tenancy: TenantDirsOption

    public init() {}

    static let defaultManifests = "./manifests"
    static let defaultStateDir = "/var/lib/botpool"
    static let defaultDockerHost = "unix:///var/run/docker.sock"

    public var manifestsPath: String {
        manifests ?? Self.environment("BOTPOOL_MANIFESTS") ?? Self.defaultManifests
    }

    public var stateDirPath: String {
        let path = stateDir ?? Self.environment("BOTPOOL_STATE_DIR") ?? Self.defaultStateDir
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    public var secretsDirPath: String {
        let path = secretsDir ?? Self.environment("BOTPOOL_SECRETS_DIR") ?? Reconciler.Options.defaultSecretsDir
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    public var dockerHostURL: String {
        dockerHost ?? Self.environment("DOCKER_HOST") ?? Self.defaultDockerHost
    }

    public var backendKind: BackendKind {
        get throws { try Self.choice(backend, environment: "BOTPOOL_BACKEND", default: .docker) }
    }

    public var swarmInstanceName: String {
        get throws {
            let name = swarmInstance ?? Self.environment("BOTPOOL_SWARM_INSTANCE") ?? "default"
            guard (1...20).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
                  name.first != "-", name.last != "-"
            else { throw ValidationError("swarm instance \"\(name)\": letters, digits and '-' (not first or last), 1 to 20 of them") }
            return name
        }
    }

    public var swarmChannelKind: SwarmChannel {
        get throws { try Self.choice(swarmChannel, environment: "BOTPOOL_SWARM_CHANNEL", default: .overlay) }
    }

    public var swarmControlImageName: String {
        swarmControlImage ?? Self.environment("BOTPOOL_SWARM_CONTROL_IMAGE") ?? "botpool/pool:dev"
    }

    /// The flag, else its environment variable (one of the cases, else an error), else the default.
    private static func choice<Choice: RawRepresentable & CaseIterable>(
        _ flag: Choice?, environment name: String, default fallback: Choice
    ) throws -> Choice where Choice.RawValue == String {
        if let flag { return flag }
        guard let text = environment(name) else { return fallback }
        guard let value = Choice(rawValue: text) else {
            let cases = Choice.allCases.map(\.rawValue)
            throw ValidationError("\(name)=\(text): expected \(cases.dropLast().joined(separator: ", ")) or \(cases.last ?? "")")
        }
        return value
    }

    private static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}

public enum BackendKind: String, ExpressibleByArgument, Sendable, CaseIterable {
    case docker, swarm
}

extension SwarmChannel: ExpressibleByArgument {}
