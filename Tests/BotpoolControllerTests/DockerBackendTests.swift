@testable import BotpoolClients
@testable import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import BotpoolTransport
import Foundation
import Logging
import Synchronization
import Testing

/// The Docker backend without Docker: the engine and each pool's supervisord are scripted
/// transports, the host layout is a real temporary state dir (files, and a real socket file,
/// since the socket checks run as in production). The real path is proven by the E2E suites.
@Suite struct DockerBackendTests {
    static let poolClass = PoolClass(name: "ft", spec: PoolClassSpec(image: "i", maxBots: 4, basePort: 9100))
    static let pool = PoolTarget(poolClass: "ft", tenant: "alice", index: 0)
    static let bot = Bot(name: "a", tenant: "alice", spec: BotSpec(poolClass: "ft", command: ["python3", "server.py"]))
    static let desired = DesiredState(poolClasses: [poolClass], bots: [DesiredBot(bot)])
    static let target = Action.BotSlot(id: bot.id, slot: 1, port: 9101)

    /// Answers by request: Docker by path, supervisord by XML-RPC method name; records both.
    final class Script: Sendable {
        let calls = Mutex<[String]>([])
        let answer: @Sendable (String) -> String

        init(_ answer: @escaping @Sendable (String) -> String) {
            self.answer = answer
        }

        func transport() -> any HTTPTransport {
            Transport(script: self)
        }

        struct Transport: HTTPTransport {
            let script: Script

            func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                let body = request.body.map { String(decoding: $0, as: UTF8.self) } ?? ""
                let method = body.range(of: "<methodName>").flatMap { start in
                    body.range(of: "</methodName>").map { String(body[start.upperBound..<$0.lowerBound]) }
                }
                let call = method ?? "\(request.method) \(request.path.split(separator: "?").first ?? "")"
                script.calls.withLock { $0.append(call) }
                return HTTPResponse(status: 200, body: Data(script.answer(call).utf8))
            }
        }
    }

    /// A state dir holding pool `botpool-ft.alice-0` as the controller made it (its pool.json,
    /// program file for bot `a` on slot 1, the run dir with a socket file), and a backend on it.
    private static func withPool(
        supervisord: @escaping @Sendable (String) -> String,
        _ body: (DockerBackend, StateLayout, Script, Script) async throws -> Void
    ) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backend-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = StateLayout(root: root)
        let metadata = PoolMetadata(target: pool, spec: poolClass.spec)
        let labels = metadata.labels(stateDir: layout.root.path)
        let docker = Script { call in
            guard call.hasSuffix("/containers/json") else { return "{}" }
            let list = [["Id": "c0ffee", "Names": ["/" + pool.name], "State": "running", "Labels": labels] as [String: Any]]
            return String(decoding: try! JSONSerialization.data(withJSONObject: list), as: UTF8.self)
        }
        let supervisor = Script(supervisord)
        let backend = DockerBackend(
            docker: DockerEngine.Client(transport: docker.transport(), apiVersion: DockerEngine.APIVersion(1, 41)),
            layout: layout, key: nil, metrics: ControllerMetrics(), logger: Logger(label: "test"),
            supervisorTransport: { _ in supervisor.transport() })
        let confined = layout.confined
        try Supervisor.PoolConfig(pool: pool.name).prepare(beneath: confined, config: StateLayout.configPath(pool: pool.name),
                                                           run: StateLayout.runPath(pool: pool.name))
        try confined.write(try JSONEncoder().encode(metadata), at: StateLayout.poolPath(pool.name) + "/" + PoolMetadata.fileName)
        try makeSocket(at: layout.supervisorSocket(pool: pool.name).path)
        let (_, program) = try ActionContext(desired: desired, now: 0).program(for: target, in: pool)
        try Supervisor.ProgramWriter.stage(program, beneath: confined, config: StateLayout.configPath(pool: pool.name)).commit()
        try await body(backend, layout, docker, supervisor)
    }

    /// A unix socket file, as supervisord leaves one (nothing needs to listen on it here).
    private static func makeSocket(at path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8.prefix(raw.count - 1)) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }

    /// supervisord agreeing to everything: an empty reload result, `true` for any other call.
    private static func agreeing(_ call: String) -> String {
        call == "supervisor.reloadConfig" ? response(.array([.array([.array([]), .array([]), .array([])])])) : response(.bool(true))
    }

    private static func response(_ value: XMLRPC.Value) -> String {
        "<?xml version='1.0'?><methodResponse><params><param>" + XMLRPC.encode(value) + "</param></params></methodResponse>"
    }

    /// The program as supervisord reports it: config info with the command from the file.
    private static func configInfo(_ name: String, command: String) -> XMLRPC.Value {
        .structure(["name": .string(name), "group": .string(name), "command": .string(command), "inuse": .bool(true),
                    "directory": .string("/bots/\(name)"), "autostart": .bool(true), "startsecs": .int(1)])
    }

    private static func processInfo(_ name: String, state: Int, statename: String, pid: Int) -> XMLRPC.Value {
        .structure(["name": .string(name), "group": .string(name), "state": .int(state), "statename": .string(statename),
                    "pid": .int(pid), "start": .int(1_795_000_000), "stop": .int(0), "now": .int(1_795_000_100),
                    "exitstatus": .int(0), "spawnerr": .string(""), "description": .string("")])
    }

    /// The `command=` of a program file as supervisord hands it back (`%%` undone); nil without a file.
    private static func command(in layout: StateLayout, _ name: String) -> String? {
        let file = try? String(contentsOfFile: layout.programFile(pool: pool.name, bot: name).path, encoding: .utf8)
        return file.flatMap { text in
            text.split(separator: "\n").first { $0.hasPrefix("command=") }
                .map { String($0.dropFirst("command=".count)).replacingOccurrences(of: "%%", with: "%") }
        }
    }

    /// supervisord lists `a` and `evil`, each with the command of its program file; without a
    /// file, `evil` has a well-formed command of its own (another bot of the pool's tenant, on
    /// slot 2), as a pool that wrote it into supervisord's config would show.
    private static func supervisordListingAandEvil(layout: StateLayout) -> @Sendable (String) -> String {
        { call in
            let a = command(in: layout, "a") ?? ""
            let evil = command(in: layout, "evil")
                ?? a.replacingOccurrences(of: "'BOTPOOL_BOT=a'", with: "'BOTPOOL_BOT=evil'")
                    .replacingOccurrences(of: "'BOTPOOL_PORT=9101'", with: "'BOTPOOL_PORT=9102'")
            switch call {
            case "supervisor.getAllConfigInfo": return response(.array([configInfo("a", command: a), configInfo("evil", command: evil)]))
            case "supervisor.getAllProcessInfo":
                return response(.array([processInfo("a", state: 20, statename: "RUNNING", pid: 42),
                                        processInfo("evil", state: 20, statename: "RUNNING", pid: 43)]))
            default: return agreeing(call)
            }
        }
    }

    @Test func observeCountsOnlyProgramsTheControllerWrote() async throws {
        let layoutBox = Mutex<StateLayout?>(nil)
        try await Self.withPool(supervisord: { call in
            guard let layout = layoutBox.withLock({ $0 }) else { return "" }
            return Self.supervisordListingAandEvil(layout: layout)(call)
        }) { backend, layout, docker, supervisor in
            layoutBox.withLock { $0 = layout }
            // The forged command is a's with evil's name and slot (see supervisordListingAandEvil).
            let a = try #require(Self.command(in: layout, "a"))
            #expect(a.contains("'BOTPOOL_BOT=a'") && a.contains("'BOTPOOL_PORT=9101'"), "\(a)")
            let observed = try await backend.observe()
            let pool = try #require(observed.pools.first)
            #expect(observed.pools.count == 1)
            #expect(pool.name == Self.pool.name && pool.container == .running)
            #expect(pool.bots.map(\.id) == [Self.bot.id], "evil must not count: \(pool.bots.map(\.id))")
            #expect(pool.bots.first?.slot == 1 && pool.bots.first?.process == .running && pool.bots.first?.pid == 42)
            #expect(pool.bots.first?.fingerprint == DesiredBot(Self.bot).fingerprint)
            #expect(docker.calls.withLock { $0 } == ["GET /v1.41/containers/json"])
            #expect(supervisor.calls.withLock { $0 }
                == ["supervisor.reloadConfig", "supervisor.getAllConfigInfo", "supervisor.getAllProcessInfo"])
            #expect(await backend.probeHosts() == [Self.pool.name: "127.0.0.1"])

            // The same answer with a file the controller wrote for evil: now it counts.
            let evil = Bot(name: "evil", tenant: "alice", spec: Self.bot.spec)
            let desired = DesiredState(poolClasses: [Self.poolClass], bots: [DesiredBot(Self.bot), DesiredBot(evil)])
            let (_, program) = try ActionContext(desired: desired, now: 0).program(for: .init(id: evil.id, slot: 2, port: 9102), in: Self.pool)
            try Supervisor.ProgramWriter.stage(program, beneath: layout.confined, config: StateLayout.configPath(pool: Self.pool.name))
                .commit()
            let again = try await backend.observe()
            #expect(again.pools.first?.bots.map(\.id) == [Self.bot.id, evil.id])
        }
    }

    /// removeBot stops and forgets the program, then removes its file and has supervisord re-read
    /// its config; the data dir stays (deletionPolicy Retain).
    @Test func removeBotStopsForgetsAndKeepsTheData() async throws {
        try await Self.withPool(supervisord: Self.agreeing) { backend, layout, _, supervisor in
            let data = StateLayout.dataPath(tenant: "alice", bot: "a")
            try layout.confined.makeDirectories(data, permissions: 0o700)
            try await backend.execute(Action(kind: .removeBot, pool: Self.pool, subject: .bot(Self.target), reason: "gone"),
                                      context: ActionContext(desired: DesiredState(poolClasses: [Self.poolClass]), now: 0))
            #expect(supervisor.calls.withLock { $0 }
                == ["supervisor.stopProcess", "supervisor.removeProcessGroup", "supervisor.reloadConfig"])
            #expect(!FileManager.default.fileExists(atPath: layout.programFile(pool: Self.pool.name, bot: "a").path))
            #expect(layout.confined.isDirectory(data))
        }
    }

    /// A deposed leader (its etcd term over) makes no further supervisord call, even inside an
    /// action that was already running: the fence is checked before each call.
    @Test func aBackendWhoseTermIsOverMakesNoFurtherCall() async throws {
        try await Self.withPool(supervisord: Self.agreeing) { backend, _, _, supervisor in
            var fenced = backend
            let term = LeaderTerm(epoch: 1, renewedAt: .now, renewDeadline: .seconds(60))
            fenced.fence = term
            let remove = Action(kind: .removeBot, pool: Self.pool, subject: .bot(Self.target), reason: "gone")
            let context = ActionContext(desired: DesiredState(poolClasses: [Self.poolClass]), now: 0)
            try await fenced.execute(remove, context: context)
            let before = supervisor.calls.withLock { $0.count }
            #expect(before == 3)
            term.end("lease expired (test)")
            await #expect(throws: LeadershipLost.self) { try await fenced.execute(remove, context: context) }
            #expect(supervisor.calls.withLock { $0.count } == before)
        }
    }

    /// A bot action whose subject is the pool is refused before anything is called.
    @Test func aBotActionWithoutItsBotIsRefused() async throws {
        try await Self.withPool(supervisord: Self.agreeing) { backend, _, docker, supervisor in
            await #expect(throws: ControllerError.self) {
                try await backend.execute(Action(kind: .restartBot, pool: Self.pool, reason: "?"),
                                          context: ActionContext(desired: Self.desired, now: 0))
            }
            #expect(supervisor.calls.withLock { $0 }.isEmpty && docker.calls.withLock { $0 }.isEmpty)
        }
    }

    /// supervisord listing `a` with the command of its program file, running as pid 42.
    private static func supervisordListingA(layout: StateLayout) -> @Sendable (String) -> String {
        { call in
            switch call {
            case "supervisor.getAllConfigInfo": return response(.array([configInfo("a", command: command(in: layout, "a") ?? "")]))
            case "supervisor.getAllProcessInfo": return response(.array([processInfo("a", state: 20, statename: "RUNNING", pid: 42)]))
            default: return agreeing(call)
            }
        }
    }

    /// A no-op pass asks a settled pool only for its processes: supervisord re-reads its
    /// configuration only after the controller acted on the pool or its program files changed.
    @Test func aSettledPoolIsAskedOnlyForItsProcessesUntilItsConfigurationMayHaveChanged() async throws {
        let layoutBox = Mutex<StateLayout?>(nil)
        try await Self.withPool(supervisord: { call in
            guard let layout = layoutBox.withLock({ $0 }) else { return "" }
            return Self.supervisordListingA(layout: layout)(call)
        }) { backend, layout, _, supervisor in
            layoutBox.withLock { $0 = layout }
            let fullRead = ["supervisor.reloadConfig", "supervisor.getAllConfigInfo", "supervisor.getAllProcessInfo"]
            func observed() async throws -> (ObservedState, [String]) {
                supervisor.calls.withLock { $0 = [] }
                let state = try await backend.observe()
                return (state, supervisor.calls.withLock { $0 })
            }
            let (first, firstCalls) = try await observed()
            #expect(firstCalls == fullRead)
            #expect(first.pools.first?.bots.map(\.id) == [Self.bot.id])
            let (second, secondCalls) = try await observed()
            #expect(secondCalls == ["supervisor.getAllProcessInfo"])
            #expect(second == first, "the cached configuration must observe what a full read does")

            // A program file changed under it (another writer, an operator): read in full again.
            let other = Bot(name: "b", tenant: "alice", spec: Self.bot.spec)
            let desired = DesiredState(poolClasses: [Self.poolClass], bots: [DesiredBot(Self.bot), DesiredBot(other)])
            let (_, program) = try ActionContext(desired: desired, now: 0).program(for: .init(id: other.id, slot: 2, port: 9102), in: Self.pool)
            try Supervisor.ProgramWriter.stage(program, beneath: layout.confined, config: StateLayout.configPath(pool: Self.pool.name))
                .commit()
            #expect(try await observed().1 == fullRead)
            #expect(try await observed().1 == ["supervisor.getAllProcessInfo"])

            // An action on the pool, even one that changes no file: read in full again.
            try await backend.execute(Action(kind: .restartBot, pool: Self.pool, subject: .bot(Self.target), reason: "test"),
                                      context: ActionContext(desired: Self.desired, now: 0))
            #expect(try await observed().1 == fullRead)
        }
    }
}
