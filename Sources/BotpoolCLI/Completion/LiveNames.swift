import BotpoolClients
import BotpoolController
import BotpoolManifest
import BotpoolTransport
import Foundation

/// The bots and pools a completion offers, read from the live state as cheaply as it can be:
/// the daemon's status API when the line names one (`--server`, `--token-file`), else the
/// manifests directory for bots and one Docker call (the pool labels) for pools. Every read is
/// bounded in time and a failed one only leaves its names out: a completion prints candidates
/// or nothing, never an error into the user's shell.
struct LiveNames: Sendable, Equatable {
    var bots: [BotID] = []
    var pools: [String] = []

    /// How long one read may take; a shell waits for it on every TAB.
    static let timeout: Duration = .seconds(2)

    static func read(_ words: CompletionWords) async -> LiveNames {
        if let url = words.value("--server"), let names = await fromServer(url: url, tokenFile: words.value("--token-file")) {
            return names
        }
        guard let common = try? CommonOptions.parse(words.commonArguments) else { return LiveNames() }
        var names = LiveNames(bots: fromManifests(common))
        names.pools = await poolsFromDocker(common)
        return names
    }

    /// `GET /api/v1/status`: the names of what runs, as `get` shows them. A follower knows none.
    static func fromServer(url: String, tokenFile: String?) async -> LiveNames? {
        guard let token = try? TokenFile.read(tokenFile),
              let snapshot = try? await StatusReader.fetch(url: url, token: token, timeout: timeout),
              snapshot.role != .follower
        else { return nil }
        return LiveNames(bots: snapshot.bots.map { BotID(tenant: $0.tenant, name: $0.name) }.sorted(),
                         pools: snapshot.pools.map(\.name).sorted())
    }

    /// Valid and frozen bots alike: `describe` and `delete` work on a frozen bot too.
    static func fromManifests(_ common: CommonOptions) -> [BotID] {
        guard let set = try? common.tenancy.loader.load(paths: [common.manifestsPath]) else { return [] }
        return Set(set.bots.map(\.id)).union(set.frozenBots).sorted()
    }

    /// Pool containers of this state dir, by their labels: one call, no version negotiation
    /// (the oldest API version botpool supports answers on every daemon it runs on).
    static func poolsFromDocker(_ common: CommonOptions) async -> [String] {
        guard (try? common.backendKind) == .docker,
              let transport = try? CurlTransport(
                endpoint: common.dockerHostURL,
                tls: ProcessInfo.processInfo.environment["DOCKER_CERT_PATH"].map { TLSOptions(dockerCertPath: $0) })
        else { return [] }
        let docker = DockerEngine.Client(transport: transport, apiVersion: DockerEngine.Client.minimumAPIVersion, timeout: timeout)
        let labels: [String: String?] = [PoolLabel.managedBy: PoolLabel.managedByValue, PoolLabel.stateDir: common.stateDirPath]
        guard let containers = try? await docker.listContainers(labels: labels) else { return [] }
        return containers.map { $0.labels[PoolLabel.pool] ?? $0.name }.sorted()
    }
}
