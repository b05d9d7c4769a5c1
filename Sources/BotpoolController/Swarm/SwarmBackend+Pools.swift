import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Crypto
import Foundation

extension SwarmBackend {
    func createPool(_ target: PoolTarget, context: ActionContext) async throws {
        let spec = try context.classSpec(target.poolClass)
        guard spec.tenancy == .dedicated else { throw SwarmError.sharedClass(target.poolClass) }
        let pool = try view.place(target.name) { snapshot in
            if let known = snapshot.pools[target.name] { return known }
            let node = try SwarmPlacement.choose(for: target, spec: spec, in: snapshot, classes: context.desired.poolClasses)
            let record = SwarmPoolRecord(metadata: PoolMetadata(target: target, spec: spec), node: node.id, slots: [:])
            return SwarmView.Pool(record: record)
        }
        var record = pool.record
        record.metadata = PoolMetadata(target: target, spec: spec)
        try await createService(record, spec: spec)
        try await waitForStart(record)
    }

    /// The service goes, then its secret and network; the bots' data stays in the tenant's
    /// volume on the node.
    func removePool(_ target: PoolTarget) async throws {
        let name = SwarmPoolRecord.serviceName(instance: instance, target: target)
        _ = try await timed("docker") { try await docker.removeService(name) }
        view.setPool(target.name, nil)
        try await removeSecrets(pool: target.name, keeping: nil)
        await leaveControl(from: name)
        await removeNetwork(name)
    }

    /// A new service on the same node with the same record: the task is new (its programs
    /// lived in the old task's memory), so every recorded bot that is still desired is written
    /// and started again in it, on its slot, with its data.
    func replacePool(_ target: PoolTarget, context: ActionContext) async throws {
        let spec = try context.classSpec(target.poolClass)
        guard spec.tenancy == .dedicated else { throw SwarmError.sharedClass(target.poolClass) }
        let name = SwarmPoolRecord.serviceName(instance: instance, target: target)
        guard var record = try await currentRecord(target) else {
            try await createPool(target, context: context)
            return
        }
        record.metadata = PoolMetadata(target: target, spec: spec)
        _ = try await timed("docker") { try await docker.removeService(name) }
        try await createService(record, spec: spec)
        try await waitForStart(record)
        let client = try supervisor(target.name)
        for slot in record.slots.keys.sorted() {
            guard let holder = record.slots[slot], context.bot(holder.id) != nil else { continue }
            let botSlot = Action.BotSlot(id: holder.id, slot: slot, port: record.metadata.basePort + slot)
            let (bot, program) = try context.program(for: botSlot, in: target)
            try await apply(bot, program, port: botSlot.port, pool: target.name, client: client, update: false)
        }
    }

    /// The record as the service's labels hold it now (not as the last observe read it).
    func currentRecord(_ target: PoolTarget) async throws -> SwarmPoolRecord? {
        var labels = SwarmPoolRecord.ownerLabels(instance: instance).mapValues { Optional($0) }
        labels[PoolLabel.pool] = target.name
        let services = try await timed("docker") { try await docker.listServices(labels: labels) }
        guard let service = services.first else { return nil }
        return try SwarmPoolRecord.parse(labels: service.labels).mapError { ControllerError.file($0.problem) }.get()
    }

    func createService(_ record: SwarmPoolRecord, spec: PoolClassSpec) async throws {
        let target = record.metadata.target
        let name = SwarmPoolRecord.serviceName(instance: instance, target: target)
        let owner = SwarmPoolRecord.ownerLabels(instance: instance)
        let plugin = try await ensureFile(.configs, prefix: "bp-\(instance)-rpc", data: Data(Supervisor.SwarmPoolPlugin.source.utf8),
                                          labels: owner)
        guard let credentials = key.supervisorCredentials(pool: target.name) else {
            throw ControllerError.file("no supervisord login can be made for pool \(target.name)")
        }
        let config = Supervisor.SwarmPoolConfig(pool: target.name, credentials: credentials, fork: spec.forkRuntime)
        var secretLabels = owner
        secretLabels[PoolLabel.pool] = target.name
        let secret = try await ensureFile(.secrets, prefix: name, data: Data(config.render().utf8), labels: secretLabels)
        try await ensureNetwork(name, labels: owner)
        guard let tenant = target.tenant else { throw SwarmError.sharedClass(target.poolClass) }
        let service = DockerEngine.ServiceSpec(
            name: name, labels: record.labels(instance: instance), image: spec.image,
            command: Self.poolCommand,
            env: Supervisor.SwarmPoolConfig.environment,
            constraints: ["node.id==\(record.node)"],
            hostPorts: Array(record.metadata.basePort...(record.metadata.basePort + spec.maxBots - 1)),
            pickedHostPorts: channel == .published ? [Supervisor.SwarmPoolConfig.controlPort] : [],
            networks: [name],
            memoryBytes: spec.memoryLimit?.bytes, nanoCPUs: spec.cpus.map { Int64($0 * 1_000_000_000) },
            mounts: [
                .volume(name: Self.dataVolume(instance: instance, tenant: tenant), target: StateLayout.containerBotsDir,
                        labels: owner.merging([PoolLabel.tenant: tenant]) { _, new in new }),
                .tmpfs(target: Supervisor.SwarmPoolConfig.programDirectory, sizeBytes: 16 << 20, mode: 0o700),
                .tmpfs(target: Supervisor.PoolConfig.runDirectory, sizeBytes: 64 << 20, mode: 0o755),
                .tmpfs(target: "/tmp", sizeBytes: 256 << 20, mode: 0o1777),
            ],
            secrets: [.init(id: secret.id, name: secret.name, target: Self.secretFileName, mode: 0o400)],
            configs: [.init(id: plugin.id, name: plugin.name, target: Supervisor.SwarmPoolConfig.pluginPath, mode: 0o444)],
            confinement: Self.poolConfinement, stopGracePeriod: .seconds(30))
        switch try await timed("docker", { try await docker.createService(service) }) {
        case .created:
            view.setPool(target.name, SwarmView.Pool(record: record))
        case .nameConflict(let message):
            // A create that ran before a crash: adopted only when it is this very pool.
            guard let existing = try await currentRecord(target),
                  existing.identityLabels(instance: instance) == record.identityLabels(instance: instance)
            else { throw ControllerError.nameTaken(container: name, reason: message) }
        }
        try await removeSecrets(pool: target.name, keeping: secret.name)
    }

    /// supervisord with no way to gain privileges: the service API cannot set
    /// no-new-privileges, `setpriv` does, for it and every bot it starts.
    static let poolCommand = ["/usr/bin/setpriv", "--no-new-privs", "--", "supervisord", "-n", "-c",
                              Supervisor.SwarmPoolConfig.configPath]

    /// As `DockerBackend.poolConfinement`, plus CHOWN: the pool's supervisord makes each bot's
    /// data dir and gives it to the bot's uid, which the controller does from the host on the
    /// Docker backend.
    static let poolConfinement = DockerEngine.ServiceConfinement(
        capDrop: ["ALL"], capAdd: ["CAP_SETUID", "CAP_SETGID", "CAP_KILL", "CAP_CHOWN"], pidsLimit: 4096, readOnlyRoot: true)

    /// Secrets are files below `/run/secrets`, named by the reference.
    static var secretFileName: String {
        String(Supervisor.SwarmPoolConfig.configPath.dropFirst("/run/secrets/".count))
    }

    /// One node-local volume per tenant, as `tenants/<t>/bots` on a host.
    static func dataVolume(instance: String, tenant: String) -> String {
        "bp-\(instance)-\(tenant)-bots"
    }

    /// A secret or config named after a hash of its data (both are immutable): made once, then found.
    private func ensureFile(
        _ kind: DockerEngine.Client.SwarmFileKind, prefix: String, data: Data, labels: [String: String]
    ) async throws -> (id: String, name: String) {
        let hash = SHA256.hash(data: data).prefix(6).map { String(format: "%02x", $0) }.joined()
        let name = "\(prefix)-\(hash)"
        if case .created(let id, _) = try await timed("docker", { try await docker.createSwarmFile(kind, name: name, data: data, labels: labels) }) {
            return (id, name)
        }
        let existing = try await timed("docker") { try await docker.listSwarmFiles(kind, labels: labels.mapValues { Optional($0) }) }
        guard let file = existing.first(where: { $0.name == name }) else {
            throw ControllerError.nameTaken(container: name, reason: "a swarm \(kind.rawValue) of that name is not botpool's")
        }
        return (file.id, file.name)
    }

    private func removeSecrets(pool: String, keeping: String?) async throws {
        var labels = SwarmPoolRecord.ownerLabels(instance: instance).mapValues { Optional($0) }
        labels[PoolLabel.pool] = pool
        let secrets = try await timed("docker") { try await docker.listSwarmFiles(.secrets, labels: labels) }
        for secret in secrets where secret.name != keeping {
            do {
                _ = try await timed("docker") { try await docker.removeSwarmFile(.secrets, secret.id) }
            } catch {
                logger.debug("secret still in use; left for a later pass", metadata: ["secret": "\(secret.name)", "error": "\(error)"])
            }
        }
    }

    /// Each pool alone on its own overlay (with the control container, on the overlay channel):
    /// its egress leaves through the node's `docker_gwbridge`, where containers cannot reach
    /// each other.
    private func ensureNetwork(_ name: String, labels: [String: String]) async throws {
        _ = try await timed("docker") { try await docker.createNetwork(name, labels: labels, driver: "overlay") }
    }

    /// The network is in use until the old task's container is gone on its node: a few tries,
    /// then left (a pool made again with the same name uses it).
    private func removeNetwork(_ name: String) async {
        for _ in 0..<20 {
            if (try? await timed("docker", { try await docker.removeNetwork(name) })) != nil { return }
            try? await Task.sleep(for: .milliseconds(500))
        }
        logger.info("pool network still in use; left in place", metadata: ["network": "\(name)"])
    }

    /// Until the pool's task runs on its node and its supervisord answers there.
    private func waitForStart(_ record: SwarmPoolRecord) async throws {
        let pool = record.metadata.name
        var labels = SwarmPoolRecord.ownerLabels(instance: instance).mapValues { Optional($0) }
        labels[PoolLabel.pool] = pool
        let clock = ContinuousClock()
        let deadline = clock.now + startTimeout
        var last = "not yet made"
        while clock.now < deadline {
            let tasks = try await timed("docker") { try await docker.listTasks(labels: labels) }
            if let task = Self.currentTask(tasks) {
                last = task.state + (task.message.isEmpty ? "" : ": \(task.message)")
                let network = SwarmPoolRecord.serviceName(instance: instance, target: record.metadata.target)
                let control = channel == .overlay ? try await joinControl(to: network) : nil
                if task.state == "running", let node = try await node(record.node),
                   let endpoint = endpoint(of: task, network: network, node: node, control: control) {
                    if (try? await supervisor(endpoint, pool: pool).getState()) != nil {
                        view.setPool(pool, SwarmView.Pool(record: record, endpoint: endpoint))
                        return
                    }
                    last = "running; supervisord not answering yet"
                }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw SwarmError.notStarted(pool: pool, seconds: Int(startTimeout.components.seconds), state: last)
    }

    private func node(_ id: String) async throws -> DockerEngine.SwarmNode? {
        if let known = view.current.nodes.first(where: { $0.id == id }) { return known }
        return try await timed("docker") { try await docker.listNodes() }.first { $0.id == id }
    }
}
