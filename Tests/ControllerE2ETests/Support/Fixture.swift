import BotpoolClients
import BotpoolController
import DockerTestSupport
import Foundation
import Testing

/// One test's world: its own manifests dir, state dir, pool class and port range. Removes its
/// pool containers before it starts and after it ends.
struct Fixture {
    let poolClass: String
    let basePort: Int
    let root: URL
    let botpool: String
    var manifests: String { root.appendingPathComponent("manifests").path }
    var state: String { root.appendingPathComponent("state").path }
    var poolPrefix: String { "botpool-\(poolClass)." }

    static func with(class poolClass: String, basePort: Int, maxBots: Int = 10,
                     _ body: (Fixture) async throws -> Void) async throws {
        try DockerEnvironment.requireReady()
        let fixture = Fixture(poolClass: poolClass, basePort: basePort,
                              // Short: supervisord's socket path below it must fit in sockaddr_un (108 bytes).
                              root: URL(fileURLWithPath: "/tmp/bp-\(UUID().uuidString.prefix(8))"),
                              botpool: try Botpool.executable())
        try DockerEnvironment.removePools(prefix: fixture.poolPrefix)
        try FileManager.default.createDirectory(atPath: fixture.manifests, withIntermediateDirectories: true)
        try fixture.write("class.yaml", Manifests.poolClass(poolClass, basePort: basePort, maxBots: maxBots))
        defer {
            try? DockerEnvironment.removePools(prefix: fixture.poolPrefix)
            try? DockerEnvironment.removeNetworks(stateDir: fixture.state)
            DockerEnvironment.unmountAll(under: fixture.root.path)
            try? FileManager.default.removeItem(at: fixture.root)
        }
        try await body(fixture)
    }

    func write(_ file: String, _ text: String) throws {
        try text.write(toFile: manifests + "/" + file, atomically: true, encoding: .utf8)
    }

    func remove(_ file: String) throws {
        try FileManager.default.removeItem(atPath: manifests + "/" + file)
    }

    /// A bot in its own file `<tenant>-<name>.yaml`.
    /// Writes a tenant's secret file (as `--secrets-dir` holds them); its path.
    func writeSecret(_ value: String, tenant: String, name: String) throws -> String {
        let path = secrets + "/\(tenant)/\(name)"
        try FileManager.default.createDirectory(atPath: secrets + "/\(tenant)", withIntermediateDirectories: true)
        try (value + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func writeBot(_ name: String, tenant: String = "alpha", greeting: String = "hi",
                  command: [String] = ["python3", "server.py"], health: Bool = true, extra: String = "") throws {
        try write("\(tenant)-\(name).yaml",
                  Manifests.bot(name, tenant: tenant, poolClass: poolClass, greeting: greeting, command: command,
                                health: health, extra: extra))
    }

    func dataDir(_ bot: String, tenant: String = "alpha") -> String {
        state + "/tenants/\(tenant)/bots/\(bot)"
    }

    /// `secret.txt` holding `secret`, owned by `uid` and readable by it only (as a bot's files are).
    func plantSecret(_ secret: String, in directory: String, uid: Int) throws {
        let path = directory + "/secret.txt"
        try secret.write(toFile: path, atomically: false, encoding: .utf8)
        guard chown(path, uid_t(uid), gid_t(uid)) == 0, chmod(path, 0o600) == 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
    }

    // MARK: botpool

    /// Secret files: tenant T's below `secrets/T/` (`--secrets-dir`).
    var secrets: String { root.appendingPathComponent("secrets").path }
    var common: [String] { ["--manifests", manifests, "--state-dir", state, "--secrets-dir", secrets] }

    func runOnce(_ extra: [String] = []) throws -> Command.Result {
        try Command.run(botpool, ["run", "--once", "--listen", "none"] + common + extra)
    }

    /// `run --once` that must converge.
    func converge(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try runOnce()
        #expect(result.status == 0, "run --once exited \(result.status):\n\(result.stderr)\(result.stdout)\(foreignPoolsNote())",
                sourceLocation: sourceLocation)
    }

    /// botpool adopts every labelled pool on the daemon, so another controller's pools are strays
    /// to this one: its passes remove them, and many of them trip the mass-delete guard.
    func foreignPoolsNote() -> String {
        let foreign = ((try? DockerEnvironment.pools(prefix: "botpool-")) ?? []).filter { !$0.hasPrefix(poolPrefix) }
        return foreign.isEmpty ? "" : "\nother botpool pools on this Docker daemon (another controller?): \(foreign)"
    }

    func diff(_ extra: [String] = []) throws -> Command.Result {
        try Command.run(botpool, ["diff"] + common + extra)
    }

    func diffJSON() throws -> (status: Int32, plan: [String: Any]) {
        let result = try diff(["-o", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result.status, object ?? [:])
    }

    // MARK: live state

    func pools() throws -> [String] { try DockerEnvironment.pools(prefix: poolPrefix) }

    func supervisor(_ pool: String) -> Supervisor.Client {
        let layout = StateLayout(path: state)
        let socket = layout.supervisorSocket(pool: pool).path
        return Supervisor.Client(socketPath: socket, timeout: .seconds(10),
                                 credentials: ControllerKey.existing(layout)?.supervisorCredentials(pool: pool))
    }

    /// Every program of every pool: bot name → (pool, process info).
    func programs() async throws -> [String: [(pool: String, info: Supervisor.ProcessInfo)]] {
        var all: [String: [(pool: String, info: Supervisor.ProcessInfo)]] = [:]
        for pool in try pools() {
            for info in try await supervisor(pool).getAllProcessInfo() {
                all[info.group, default: []].append((pool, info))
            }
        }
        return all
    }

    /// Pids of running (or starting) bots by name; each bot must be in exactly one pool.
    func pids() async throws -> [String: Int] {
        var pids: [String: Int] = [:]
        for (bot, entries) in try await programs() {
            #expect(entries.count == 1, "bot \(bot) is in \(entries.count) pools: \(entries.map(\.pool))")
            if let entry = entries.first, [.running, .starting].contains(entry.info.state) { pids[bot] = entry.info.pid }
        }
        return pids
    }

    /// The bot's answer on `port`, nil when nothing answers.
    static func get(port: Int, path: String = "/healthz") throws -> String? {
        let result = try Command.run("curl", ["-fsS", "--max-time", "2", "http://127.0.0.1:\(port)\(path)"])
        return result.status == 0 ? result.stdout : nil
    }

    /// Waits until `bot` answers on `port`; returns its answer.
    @discardableResult
    static func waitForAnswer(_ bot: String, port: Int, seconds: Double = 20) async throws -> String {
        try await Poll.until("\(bot) to answer on port \(port)", seconds: seconds) {
            guard let answer = try get(port: port), answer.hasPrefix("ok \(bot) ") else { return nil }
            return answer
        }
    }

    /// Bot → port, from a plan's placeBot actions.
    static func placements(_ plan: [String: Any]) -> [String: Int] {
        var ports: [String: Int] = [:]
        for case let action as [String: Any] in plan["actions"] as? [Any] ?? [] {
            if let bot = action["bot"] as? [String: Any], let name = bot["name"] as? String, let port = action["port"] as? Int {
                ports[name] = port
            }
        }
        return ports
    }
}
