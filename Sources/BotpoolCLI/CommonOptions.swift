import ArgumentParser
import BotpoolController
import Foundation

/// The options every command that reads manifests or live state shares (DESIGN.md "CLI").
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

    private static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
