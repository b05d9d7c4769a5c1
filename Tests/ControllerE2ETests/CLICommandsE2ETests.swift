@testable import BotpoolCLI
import BotpoolClients
import BotpoolController
import BotpoolManifest
import DockerTestSupport
import Foundation
import Logging
import Testing

/// apply → (a class-scoped pass) → get / describe with a log tail → apply --wait's polling →
/// delete bot, on the real Docker daemon with class `clitest` on ports 19600+.
@Suite(.serialized) struct CLICommandsE2ETests {
    static let poolName = "botpool-clitest.default-0"

    static let manifests = """
        apiVersion: botpool/v1
        kind: PoolClass
        metadata: {name: clitest}
        spec: {image: "botpool/pool:dev", maxBots: 10, basePort: 19600, publish: 127.0.0.1, memoryLimit: 512Mi}
        ---
        apiVersion: botpool/v1
        kind: Bot
        metadata: {name: web}
        spec:
          poolClass: clitest
          command: ["python3", "-u", "-c", "import http.server as h, os; print('web up', flush=True); h.HTTPServer(('0.0.0.0', int(os.environ['BOTPOOL_PORT'])), h.SimpleHTTPRequestHandler).serve_forever()"]
          health: {http: {path: /}, periodSeconds: 1}
        ---
        apiVersion: botpool/v1
        kind: Bot
        metadata: {name: idle}
        spec:
          poolClass: clitest
          command: ["sleep", "3600"]

        """

    @Test func applyGetDescribeWaitDelete() async throws {
        // Short: supervisord's socket path under it must fit a unix socket address (108 bytes).
        let root = "/tmp/bpc-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: root + "/new", withIntermediateDirectories: true)
        try Self.docker(["rm", "-f", Self.poolName])
        defer {
            try? Self.docker(["rm", "-f", Self.poolName])
            try? DockerEnvironment.removeNetworks(stateDir: root + "/state")
            try? FileManager.default.removeItem(atPath: root)
        }
        try Self.manifests.write(toFile: root + "/new/clitest.yaml", atomically: false, encoding: .utf8)
        let common = try CommonOptions.parse(["--manifests", root + "/manifests", "--state-dir", root + "/state"])

        guard case .success(let prepared) = ManifestApply(directory: root + "/manifests", paths: [root + "/new"]).prepare()
        else { Issue.record("apply refused"); return }
        // Read-only against the whole daemon: other suites' pools may show up in the plan too.
        let dryRun = await ApplyCommand.dryRun(prepared, common: common)
        #expect(dryRun.stdout.hasPrefix("poolclass clitest created (dry run)\n"), "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("# pool \(Self.poolName) (class clitest, tenant default, index 0)"))
        #expect(dryRun.stdout.contains("place default/web slot 1 (port 19601): new bot"))
        #expect(!FileManager.default.fileExists(atPath: root + "/manifests"))
        #expect(ApplyCommand.execute(prepared, directory: root + "/manifests").stdout
                == "poolclass clitest created\nbot default/idle created\nbot default/web created\n")

        let reconciler = try await Self.reconciler(common)
        let first = try await reconciler.pass(reason: "test")
        #expect(first.converged, "\(first.outcomes) \(first.plan.refused ?? "")")

        let wait = ApplyWait(bots: prepared.bots, timeout: .seconds(30), read: { try await StatusReader.observe(common) },
                             progress: { _ in })
        #expect(await wait.run() == [])

        let snapshot = try await StatusReader.observe(common)
        let get = GetCommand.execute(snapshot, resource: .bots, format: .table, tenant: nil, now: Date())
        #expect(get.stdout.contains("default   web    \(Self.poolName)"), "\(get.stdout)")
        let web = try #require(DescribeCommand.bot(named: "web", tenant: "default", in: snapshot))
        #expect(web.port.map { (19600...19609).contains($0) } == true)
        let tail = await LogTailText.read(bot: web, pools: snapshot.pools, layout: StateLayout(path: common.stateDirPath))
        guard case .lines(let lines) = tail else { Issue.record("no log tail: \(tail)"); return }
        #expect(lines.contains("web up"))
        let described = DescribeCommand.execute(kind: .bot, name: "web", tenant: "default", snapshot: snapshot,
                                                logTail: tail, fromServer: false, now: Date())
        #expect(described.stdout.contains("Phase:          Running\n"), "\(described.stdout)")

        let deleted = DeleteCommand.execute(files: [], target: ["bot", "idle"], tenant: "default", manifests: common.manifestsPath)
        #expect(deleted.stdout.hasPrefix("bot default/idle deleted ("), "\(deleted.stderr)")
        _ = try await reconciler.pass(reason: "test")
        let after = try await StatusReader.observe(common)
        #expect(after.bots.map(\.name) == ["web"])
        #expect(after.pools.first { $0.name == Self.poolName }?.bots == 1)
    }

    static func reconciler(_ common: CommonOptions) async throws -> Reconciler {
        var logger = Logger(label: "e2e")
        logger.logLevel = .critical
        let runtime = try await LiveController.connect(common, logger: logger).backend
        let manifests = common.manifestsPath
        // Pools are scoped by state dir: this test's own state dir sees only its own pools.
        return Reconciler(backend: runtime,
                          loadManifests: { try ManifestLoader().load(paths: [manifests]) }, logger: logger)
    }

    /// Throws when the docker CLI is absent, so the suite fails rather than passing silently.
    static func docker(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
}
