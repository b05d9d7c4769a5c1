import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Foundation

extension SwarmBackend {
    /// One node list, one service list and one task list for every pool of this instance, then
    /// per running pool `reloadConfig`, `getAllConfigInfo` and `getAllProcessInfo` over its
    /// control channel, pools in parallel; on the overlay channel one inspect of the control
    /// container too. A pool on a node that is down, or whose task swarm is
    /// still (re)starting, is held: the planner leaves it and its bots alone.
    public func observe() async throws -> ObservedState {
        let owner = SwarmPoolRecord.ownerLabels(instance: instance)
        let nodes = try await timed("docker") { try await docker.listNodes() }
        let services = try await timed("docker") { try await docker.listServices(labels: owner) }
        let tasks = try await timed("docker") { try await docker.listTasks(labels: owner) }
        let tasksByService = Dictionary(grouping: tasks, by: \.serviceID)
        let nodesByID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let control = channel == .overlay ? try await ensureControl() : nil
        var state = ObservedState()
        var snapshot = SwarmView.Snapshot(nodes: nodes)
        var found: [(SwarmView.Pool, DockerEngine.SwarmTask?)] = []
        for service in services {
            switch SwarmPoolRecord.parse(labels: service.labels) {
            case .success(let record):
                let task = Self.currentTask(tasksByService[service.id] ?? [])
                var pool = SwarmView.Pool(record: record)
                if let task, task.state == "running", let node = nodesByID[record.node], node.state == "ready" {
                    pool.endpoint = endpoint(of: task, network: service.name, node: node, control: control)
                }
                snapshot.pools[record.metadata.name] = pool
                found.append((pool, task))
            case .failure(let malformed):
                state.malformedContainers.append(MalformedContainer(id: service.id, name: service.name, problem: malformed.problem))
            }
        }
        view.update(snapshot)
        let now = Date().timeIntervalSince1970
        state.pools = await PoolFanOut.map(found) { pool, task in
            await observePool(pool, task: task, node: nodesByID[pool.record.node], now: now)
        }
        state.pools.sort { $0.name < $1.name }
        return state
    }

    /// Where the supervisord of a running task answers on the channel, if it does yet (an
    /// overlay address, or a published port, once swarm has assigned it).
    func endpoint(
        of task: DockerEngine.SwarmTask, network: String, node: DockerEngine.SwarmNode, control: SwarmView.Control?
    ) -> SwarmView.Endpoint? {
        let port = Supervisor.SwarmPoolConfig.controlPort
        switch channel {
        case .overlay:
            guard let control, let address = task.networkAddresses[network] else { return nil }
            return .init(host: address, port: port, namespace: control.namespace, nodeAddress: node.address)
        case .published:
            guard let published = task.publishedPorts[port] else { return nil }
            return .init(host: node.address, port: published, namespace: nil, nodeAddress: node.address)
        }
    }

    /// The task swarm wants running (the newest if several), else the newest of any.
    static func currentTask(_ tasks: [DockerEngine.SwarmTask]) -> DockerEngine.SwarmTask? {
        let newestFirst = tasks.sorted { $0.createdAt > $1.createdAt }
        return newestFirst.first { $0.desiredState == "running" } ?? newestFirst.first
    }

    private func observePool(
        _ pool: SwarmView.Pool, task: DockerEngine.SwarmTask?, node: DockerEngine.SwarmNode?, now: Timestamp
    ) async -> ObservedPool {
        let metadata = pool.record.metadata
        let createdAt = task.flatMap { Self.timestamp($0.createdAt) }
        var observed = ObservedPool(
            name: metadata.name, poolClass: metadata.poolClass, tenant: metadata.tenant, index: metadata.index,
            basePort: metadata.basePort, templateHash: metadata.templateHash, container: .exited, createdAt: createdAt,
            bots: Self.recordedBots(pool.record))
        guard let node, node.state == "ready" else {
            let name = node.map { "\($0.hostname) (\($0.address))" } ?? pool.record.node
            let status = node.map { "is \($0.state)" } ?? "has left the swarm"
            observed.hold = PoolHold(reason: .nodeLost, message: "node \(name) \(status); the pool and its bots' data stay there")
            return observed
        }
        let young = createdAt.map { now - $0 < restartGrace.seconds } ?? false
        guard let endpoint = pool.endpoint else {
            observed.hold = Self.startingHold(task: task, node: node.hostname, young: young)
            return observed
        }
        do {
            observed.container = .running
            if endpoint.namespace != nil {
                _ = try await joinControl(to: SwarmPoolRecord.serviceName(instance: instance, target: metadata.target))
            }
            observed.bots = try await observeBots(supervisor(endpoint, pool: metadata.name), record: pool.record)
        } catch {
            logger.warning("supervisord of a swarm pool not answering",
                           metadata: ["pool": "\(metadata.name)", "error": "\(error)"])
            observed.container = .exited
            if young {
                observed.hold = PoolHold(reason: .poolStarting, message: "the pool's supervisord does not answer yet on \(node.hostname)")
            }
        }
        return observed
    }

    /// Task states on the way to `running`: swarm is still scheduling, pulling or starting it.
    static let startingTaskStates: Set<String> = ["new", "allocated", "pending", "assigned", "accepted", "preparing", "ready", "starting"]

    /// Why a pool with no control endpoint is left alone rather than replaced, if it is. Swarm
    /// restarts a dead task on its node by itself: for `restartGrace` after a task was made the
    /// pool waits for it. A task swarm still wants running and has not started (no node fits,
    /// the image is missing, a cordoned node) waits however long it takes, its reason shown: a
    /// replacement would be pinned to the same node and wait the same way, each one churning a
    /// service and a secret.
    static func startingHold(task: DockerEngine.SwarmTask?, node: String, young: Bool) -> PoolHold? {
        let waiting = task.map { $0.desiredState == "running" && startingTaskStates.contains($0.state) } ?? false
        guard waiting || young else { return nil }
        let why = task.map { $0.message.isEmpty ? "" : ": \($0.message)" } ?? ""
        return PoolHold(reason: .poolStarting, message: "the pool's task is \(task?.state ?? "not yet made") on \(node)\(why)")
    }

    /// The bots the record puts in a pool, with nothing known of their processes.
    static func recordedBots(_ record: SwarmPoolRecord) -> [ObservedBot] {
        record.slots.keys.sorted().compactMap { slot in
            record.slots[slot].map {
                ObservedBot(id: $0.id, slot: slot, fingerprint: nil, deletionPolicy: $0.deletionPolicy, process: .stopped,
                            movedAt: $0.movedAt.map(Timestamp.init))
            }
        }
    }

    /// supervisord's answers come from inside the pool: a program counts only when the record
    /// puts that bot on that slot, and the deletion policy is the record's. A recorded bot that
    /// supervisord does not know (its task was restarted, and program files live in the task's
    /// memory) reads as stopped with an unknown spec, so the planner writes it again.
    private func observeBots(_ client: Supervisor.Client, record: SwarmPoolRecord) async throws -> [ObservedBot] {
        let reload = try await timed("supervisord") { try await client.reloadConfig() }
        let configs = try await timed("supervisord") { try await client.getAllConfigInfo() }
        let processes = try await timed("supervisord") { try await client.getAllProcessInfo() }
        let byName = Dictionary(processes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let unsettled = Set(reload.changed + reload.added)
        var bots = Dictionary(Self.recordedBots(record).map { ($0.slot, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in configs where ProgramFiles.isBotProgram(entry.name) {
            guard let program = entry.program,
                  case .success(let claim) = ReadBack.claim(program: entry.name, command: program, pool: record.metadata),
                  let recorded = record.slots[claim.slot], recorded.id == claim.id
            else {
                logger.warning("swarm pool reports a program its record does not hold; ignored",
                               metadata: ["pool": "\(record.metadata.name)", "program": "\(entry.name)"])
                continue
            }
            let process = byName[entry.name]
            var bot = ObservedBot(
                id: claim.id, slot: claim.slot,
                fingerprint: unsettled.contains(entry.name) ? nil : program.fingerprint,
                deletionPolicy: recorded.deletionPolicy,
                process: process?.observedState ?? .stopped,
                pid: process?.runningPID, exitStatus: process?.endedExitStatus, startedAt: process?.startedAt,
                movedAt: recorded.movedAt.map(Timestamp.init))
            if reload.added.contains(entry.name) { bot.process = .stopped }
            bots[claim.slot] = bot
        }
        return bots.keys.sorted().compactMap { bots[$0] }
    }

    /// Docker's RFC 3339 times, with up to nanoseconds.
    static func timestamp(_ text: String) -> Timestamp? {
        guard text.count >= 20 else { return nil }
        let seconds = String(text.prefix(19)) + "Z"
        guard let date = ISO8601DateFormatter().date(from: seconds) else { return nil }
        var fraction = 0.0
        if let dot = text.firstIndex(of: "."), let end = text[dot...].firstIndex(where: { !$0.isNumber && $0 != "." }) {
            fraction = Double("0" + text[dot..<end]) ?? 0
        }
        return date.timeIntervalSince1970 + fraction
    }
}
