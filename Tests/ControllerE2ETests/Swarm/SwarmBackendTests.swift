import BotpoolClients
import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import BotpoolTransport
import DockerTestSupport
import Foundation
import Logging
import Testing

/// The swarm backend on a real 3-node swarm (`scripts/swarm-lab up 3`: three dockerds, each in
/// its own network namespace): a class spread over the nodes converges and stays converged; a
/// pool's killed task comes back on its node with its ports and data; a node whose daemon dies
/// holds its pool (bots `NodeLost`, nothing moved, others untouched); `botpool move` runs one of
/// them on another node without its data; back, the node's other bot converges with its data
/// intact and the moved bot's old copy is removed, its data left there; a paused (cordoned) node
/// gets no new pool. The lab goes when the test ends.
@Suite(.serialized) struct SwarmBackendE2E {
    static let basePort = 23100
    static let instance = "e2e"

    @Test func aClassSpreadOverThreeNodesSurvivesATaskKillANodeLossAndACordon() async throws {
        try await SwarmLabNodes.with(nodes: 3) {
            try await Self.scenario()
        }
    }

    /// `--swarm-channel published` (a controller in a container) publishes the control port on
    /// the pool's node; a controller restarted on the overlay channel reaches the same pools over
    /// their overlays without restarting a bot; a pool removed takes its overlay with it (the
    /// control container leaves it first).
    @Test func bothChannelsReachTheSamePoolsAndARemovedPoolTakesItsOverlay() async throws {
        try await SwarmLabNodes.with(nodes: 2) {
            let published = try await World.make(bots: 2, channel: .published)
            defer { published.removeFiles() }
            try await published.converge { world in
                for bot in 0..<2 where await world.answer(bot) != "ok b\(bot) hi" { return false }
                return true
            }
            let pool = try await published.pool(ofBot: 0)
            let service = try #require(try await published.docker.listServices(labels: ["io.botpool.pool": pool.name]).first?.name)
            let tasks = try await published.docker.listTasks(labels: ["io.botpool.pool": pool.name])
            #expect(tasks.first { $0.state == "running" }?.publishedPorts[9001] != nil, "published channel: \(tasks)")
            let before = try await published.pids(except: [])

            let overlay = try await published.restarted(channel: .overlay)
            let again = try await overlay.reconciler.pass(reason: "channel changed")
            #expect(again.plan.actions.isEmpty, "\(again.plan.actions)")
            #expect(try await overlay.pids(except: []) == before, "a bot restarted when the channel changed")
            let joined = try await SwarmLabNodes.docker("node1", ["inspect", "bp-\(SwarmBackendE2E.instance)-control", "--format",
                                                                  "{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}"])
            #expect(joined.split(separator: " ").contains { $0 == service }, "the control container is not on \(service): \(joined)")

            try overlay.writeBots(0, emptyPoolTTL: "0s")
            let emptying = try await overlay.restarted(channel: .overlay, allowMassDelete: true)
            try await emptying.converge { world in await world.reconciler.lastObserved?.pools.isEmpty == true }
            try await Poll.until("the pool's overlay to go", seconds: 60) { () -> Bool? in
                let networks = try await SwarmLabNodes.docker("node1", ["network", "ls", "--format", "{{.Name}}"])
                return networks.split(separator: "\n").contains { $0 == service } ? nil : true
            }
        }
    }

    private static func scenario() async throws {
        let world = try await World.make(bots: 6)
        defer { world.removeFiles() }
        // Three pools of two, spread: one per node; a second pass has nothing to do. These bots
        // have no health check, so RUNNING is not yet serving: wait for every answer.
        try await world.converge { world in
            for bot in 0..<6 where await world.answer(bot) != "ok b\(bot) hi" { return false }
            return true
        }
        let placed = try await world.poolNodes()
        #expect(Set(placed.values).count == 3, "pools by node: \(placed)")
        #expect(try await world.reconciler.pass(reason: "again").plan.actions.isEmpty)

        try await isolation(world)

        // A pool's task killed: swarm starts a new one on the same node; the pass starts its
        // bots there on the same ports with their data; no other bot restarts.
        try await world.keep(bot: 0)
        let others = try await world.pids(except: [0, 1])
        let (node0, container0) = try await world.task(ofBot: 0)
        try await SwarmLabNodes.docker(node0, ["kill", container0])
        try await world.converge { world in
            let answer = await world.answer(0)
            let container = try? await world.task(ofBot: 0).container
            return answer == "ok b0 hi" && container != container0
        }
        #expect(try await world.task(ofBot: 0).node == node0)
        #expect(try await world.kept(bot: 0))
        #expect(try await world.pids(except: [0, 1]) == others, "other bots restarted")

        // A node's daemon killed: its pool is held, its bots NodeLost, nothing is moved or
        // replaced, the other bots keep running.
        let (lostNode, _) = try await world.task(ofBot: 4)
        #expect(lostNode != "node1", "the manager must stay up")
        try await world.keep(bot: 4)
        try await world.keep(bot: 5)
        let oldUID = try await world.uid(of: 4)
        let survivors = try await world.pids(except: [4, 5])
        try SwarmLabNodes.killDaemon(lostNode)
        try await Poll.until("\(lostNode) down", seconds: 90) {
            try await world.docker.listNodes().first { $0.hostname == lostNode && $0.state != "ready" }
        }
        let held = try await world.reconciler.pass(reason: "node lost")
        #expect(held.plan.actions.isEmpty, "actions on a lost node: \(held.plan.actions)")
        let phases = await world.phases()
        #expect(phases["b4"] == "NodeLost" && phases["b5"] == "NodeLost", "\(phases)")
        #expect(try await world.pids(except: [4, 5]) == survivors)

        // `botpool move b4 --to` the third node: b4 runs there, with an empty data dir (its data
        // stays on the lost node), while b5 waits for its node.
        let destination = try #require(["node2", "node3"].first { $0 != lostNode })
        let said = try await world.move(bot: 4, to: destination)
        #expect(said.contains("bot alice/b4 moved to node \(destination)"), "\(said)")
        #expect(said.contains("its data stays on node \(lostNode)"), "\(said)")
        try await world.converge { await $0.answer(4) == "ok b4 hi" }
        #expect(try await world.task(ofBot: 4).node == destination)
        #expect(try await !world.kept(bot: 4), "b4's data cannot have followed it from a node that is down")
        let whileLost = await world.phases()
        #expect(whileLost["b4"] != nil && whileLost["b4"] != "NodeLost" && whileLost["b5"] == "NodeLost", "\(whileLost)")
        #expect(try await world.move(bot: 4, to: destination).contains("nothing changed"))

        // Back: b5 runs again with its data; the copy of b4 left there is removed rather than run
        // beside the moved one, and b4's old data is still in that node's volume.
        try await SwarmLabNodes.lab(["up", "3"])
        try await world.converge { world in
            let copies = (await world.reconciler.lastObserved?.pools ?? []).filter { $0.bots.contains { $0.id.name == "b4" } }
            return await world.answer(5) == "ok b5 hi" && copies.count == 1
        }
        #expect(try await world.task(ofBot: 5).node == lostNode)
        #expect(try await world.kept(bot: 5))
        #expect(try await world.task(ofBot: 4).node == destination)
        #expect(await world.answer(4) == "ok b4 hi")
        let (_, returned) = try await world.task(ofBot: 5)
        let leftBehind = try? await SwarmLabNodes.docker(lostNode, ["exec", "-u", "\(oldUID):\(oldUID)", returned, "cat", "/bots/b4/keep"])
        #expect(leftBehind?.trimmingCharacters(in: .whitespacesAndNewlines) == "kept", "b4's data on \(lostNode) is gone")

        // Cordon (availability pause): a new pool avoids the node; its pools keep running.
        let node1 = try #require(try await world.docker.listNodes().first { $0.hostname == "node1" })
        try await world.docker.updateNode(node1, availability: "pause")
        try world.writeBots(8)
        try await world.converge { await $0.answer(7) == "ok b7 hi" }
        #expect(try await world.task(ofBot: 7).node != "node1")
        #expect(await world.answer(0) == "ok b0 hi")
    }

    /// What [2/6] holds on one host holds on the swarm: a bot runs with no way to gain
    /// privileges, its pool's control port is on its overlay only and wants the pool's login
    /// there too, and one pool has no route to another's bots or control port (each is alone on
    /// its own overlay with the controller's control container).
    private static func isolation(_ world: World) async throws {
        let (nodeA, containerA) = try await world.task(ofBot: 0)
        let (nodeB, containerB) = try await world.task(ofBot: 2)
        let bot = try #require(try await world.pool(ofBot: 0).bots.first { $0.id.name == "b0" })
        let pid = try #require(bot.pid)
        let status = try await SwarmLabNodes.docker(nodeA, ["exec", containerA, "grep", "NoNewPrivs", "/proc/\(pid)/status"])
        #expect(status.contains("NoNewPrivs:\t1"), "\(status)")

        // The control port is published nowhere: the controller reaches it over the pool's own
        // overlay, from the control container's network, and even there it wants the login.
        let pool = try await world.pool(ofBot: 0)
        let tasks = try await world.docker.listTasks(labels: ["io.botpool.pool": pool.name])
        let task = try #require(tasks.first { $0.state == "running" })
        #expect(task.publishedPorts[9001] == nil, "the control port is published: \(task.publishedPorts)")
        let overlay = try #require(task.networkAddresses.values.first, "the pool's task has no overlay address")
        let namespace = try await SwarmLabNodes.docker("node1", ["inspect", "bp-\(SwarmBackendE2E.instance)-control", "--format",
                                                                 "{{.NetworkSettings.SandboxKey}}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let refused = try await SwarmLabNodes.offPool {
            try Command.run("nsenter", ["--net=\(namespace)", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
                                        "-d", "<x/>", "http://\(overlay):9001/RPC2"]).stdout
        }
        #expect(refused == "401", "the control port answered \(refused) without the pool's login")

        let uid = 100_000 + pool.port(slot: bot.slot)
        let connect = "import socket,sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=3); print('connected')"
        let own = try? await SwarmLabNodes.docker(nodeA, ["exec", "-u", "\(uid):\(uid)", containerA, "python3", "-c", connect,
                                                          "127.0.0.1", "\(pool.port(slot: bot.slot))"])
        #expect(own?.contains("connected") == true, "the probe cannot even reach its own bot: the check would prove nothing")
        let addresses = try await SwarmLabNodes.docker(nodeB, ["inspect", containerB, "--format",
                                                               "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}"])
        let other = try await world.pool(ofBot: 2)
        #expect(addresses.split(separator: " ").contains { $0.hasPrefix("10.") }, "no overlay address for b2's pool: \(addresses)")
        for address in addresses.split(separator: " ").map(String.init) where !address.isEmpty {
            for port in [other.port(slot: 0), 9001] {
                let reached = try? await SwarmLabNodes.docker(nodeA, ["exec", "-u", "\(uid):\(uid)", containerA, "python3", "-c", connect,
                                                                      address, "\(port)"])
                #expect(reached == nil, "pool of b0 reached the pool of b2 at \(address):\(port)")
            }
        }
    }

    /// One controller instance on the lab: manifests in a temporary dir, the swarm backend on
    /// node1 (the manager), and what the test reads back.
    struct World {
        let dir: URL
        let docker: DockerEngine.Client
        let backend: SwarmBackend
        let reconciler: Reconciler
        let store: StatusStore

        static func make(bots: Int, channel: SwarmChannel = .overlay) async throws -> World {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("botpool-swarm-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("manifests"), withIntermediateDirectories: true)
            let world = try await controller(in: dir, channel: channel)
            try world.writeBots(bots)
            return world
        }

        /// The world's manifests and state dir (its controllers share them), left in /tmp otherwise.
        func removeFiles() {
            try? FileManager.default.removeItem(at: dir)
        }

        /// A controller on this world's manifests and state dir (as after a restart with other flags).
        func restarted(channel: SwarmChannel, allowMassDelete: Bool = false) async throws -> World {
            try await Self.controller(in: dir, channel: channel, allowMassDelete: allowMassDelete)
        }

        private static func controller(in dir: URL, channel: SwarmChannel, allowMassDelete: Bool = false) async throws -> World {
            let docker = try await DockerEngine.Client.connect(transport: CurlTransport(endpoint: .unixSocket(path: SwarmLabNodes.managerSocket)))
            var logger = Logger(label: "swarm-e2e")
            logger.logLevel = .critical
            let key = try ControllerKey.load(StateLayout(path: dir.appendingPathComponent("state").path))
            var backend = SwarmBackend(docker: docker, instance: SwarmBackendE2E.instance, key: key, metrics: ControllerMetrics(), logger: logger)
            backend.channel = channel
            let manifests = dir.appendingPathComponent("manifests").path
            let store = StatusStore()
            let reconciler = Reconciler(backend: backend, loadManifests: { try ManifestLoader().load(paths: [manifests]) },
                                        options: .init(allowMassDelete: allowMassDelete), store: store, logger: logger)
            return World(dir: dir, docker: docker, backend: backend, reconciler: reconciler, store: store)
        }

        func writeBots(_ count: Int, emptyPoolTTL: String = "15m") throws {
            var text = """
                apiVersion: botpool/v1
                kind: PoolClass
                metadata:
                  name: lab
                spec:
                  image: botpool/pool:dev
                  maxBots: 2
                  maxPools: 10
                  memoryLimit: 256Mi
                  basePort: \(SwarmBackendE2E.basePort)
                  tenancy: dedicated
                  nodePlacement: spread
                  emptyPoolTTL: \(emptyPoolTTL)

                """
            for bot in 0..<count {
                text += "---\n" + Manifests.bot("b\(bot)", tenant: "alice", poolClass: "lab", health: false) + "\n"
            }
            try text.write(to: dir.appendingPathComponent("manifests/lab.yaml"), atomically: true, encoding: .utf8)
        }

        /// Passes until one plans nothing and `done` holds.
        func converge(_ done: @escaping (World) async -> Bool = { _ in true }) async throws {
            try await Poll.until("the swarm to converge", seconds: 240, interval: .milliseconds(500)) { () -> Bool? in
                let result = try await reconciler.pass(reason: "test")
                guard result.plan.actions.isEmpty, result.failedCount == 0 else { return nil }
                return await done(self) ? true : nil
            }
        }

        /// Pool name to the hostname of the node its running task is on.
        func poolNodes() async throws -> [String: String] {
            let nodes = try await docker.listNodes()
            var result: [String: String] = [:]
            for pool in await reconciler.lastObserved?.pools ?? [] {
                let (node, _) = try await task(ofPool: pool.name)
                result[pool.name] = nodes.first { $0.hostname == node }?.hostname ?? node
            }
            return result
        }

        func pool(ofBot index: Int) async throws -> ObservedPool {
            // Of two copies (mid-move), the one the planner keeps: moved last.
            let copies = (await reconciler.lastObserved?.pools ?? []).filter { $0.bots.contains { $0.id.name == "b\(index)" } }
            let moved = { (pool: ObservedPool) in pool.bots.first { $0.id.name == "b\(index)" }?.movedAt ?? 0 }
            guard let pool = copies.max(by: { moved($0) < moved($1) }) else {
                throw SwarmLabNodes.Failed(description: "b\(index) is in no observed pool")
            }
            return pool
        }

        /// The node (hostname) and container of the running task of a bot's pool.
        func task(ofBot index: Int) async throws -> (node: String, container: String) {
            try await task(ofPool: try await pool(ofBot: index).name)
        }

        func task(ofPool pool: String) async throws -> (node: String, container: String) {
            let tasks = try await docker.listTasks(labels: ["io.botpool.pool": pool, "io.botpool.instance": SwarmBackendE2E.instance])
            guard let task = tasks.first(where: { $0.state == "running" }) else {
                throw SwarmLabNodes.Failed(description: "no running task of \(pool): \(tasks)")
            }
            let node = try await docker.listNodes().first { $0.id == task.nodeID }?.hostname ?? task.nodeID
            return (node, task.containerID)
        }

        func answer(_ index: Int) async -> String? {
            guard let pool = try? await pool(ofBot: index), let bot = pool.bots.first(where: { $0.id.name == "b\(index)" }),
                  let host = await backend.probeHosts()[pool.name]
            else { return nil }
            return await SwarmLabNodes.get("http://\(host):\(pool.port(slot: bot.slot))/")
        }

        /// `botpool move` as an operator runs it, against this world's manifests, key and instance.
        func move(bot index: Int, to node: String) async throws -> String {
            let executable = try Botpool.executable()
            let arguments = ["move", "alice/b\(index)", "--to", node, "--backend", "swarm", "--swarm-instance", SwarmBackendE2E.instance,
                             "--docker-host", "unix://\(SwarmLabNodes.managerSocket)", "--state-dir", dir.appendingPathComponent("state").path,
                             "--manifests", dir.appendingPathComponent("manifests").path]
            return try await SwarmLabNodes.offPool {
                let run = try Command.run(executable, arguments)
                guard run.status == 0 else { throw SwarmLabNodes.Failed(description: "botpool move exited \(run.status): \(run.stderr)") }
                return run.stdout
            }
        }

        /// Writes a file into the bot's data dir as the bot (its uid), in its pool's container.
        func keep(bot index: Int) async throws {
            let (node, container) = try await task(ofBot: index)
            let uid = try await uid(of: index)
            try await SwarmLabNodes.docker(node, ["exec", "-u", "\(uid):\(uid)", container, "sh", "-c", "echo kept > /bots/b\(index)/keep"])
        }

        func kept(bot index: Int) async throws -> Bool {
            let (node, container) = try await task(ofBot: index)
            let uid = try await uid(of: index)
            return (try? await SwarmLabNodes.docker(node, ["exec", "-u", "\(uid):\(uid)", container, "cat", "/bots/b\(index)/keep"]))?
                .trimmingCharacters(in: .whitespacesAndNewlines) == "kept"
        }

        func uid(of index: Int) async throws -> Int {
            let pool = try await pool(ofBot: index)
            let slot = pool.bots.first { $0.id.name == "b\(index)" }?.slot ?? 0
            return 100_000 + pool.port(slot: slot)
        }

        /// Bot name to pid, for the bots not named.
        func pids(except skipped: Set<Int>) async throws -> [String: Int] {
            var pids: [String: Int] = [:]
            for pool in await reconciler.lastObserved?.pools ?? [] {
                for bot in pool.bots where !skipped.contains(Int(bot.id.name.dropFirst()) ?? -1) {
                    pids[bot.id.name] = bot.pid ?? -1
                }
            }
            return pids
        }

        func phases() async -> [String: String] {
            Dictionary((await store.snapshot?.bots ?? []).map { ($0.name, $0.phase) }, uniquingKeysWith: { first, _ in first })
        }
    }
}
