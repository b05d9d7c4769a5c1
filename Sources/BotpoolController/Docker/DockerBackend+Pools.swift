import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Foundation

extension DockerBackend {
    func createPool(_ target: PoolTarget, context: ActionContext) async throws {
        let spec = try context.classSpec(target.poolClass)
        let metadata = PoolMetadata(target: target, spec: spec)
        try prepare(metadata, spec: spec, context: context)
        try await createAndStart(metadata, spec: spec)
    }

    /// The container and the pool's directory go; bot data dirs stay.
    func removePool(_ target: PoolTarget) async throws {
        _ = try await timed("docker") { try await docker.removeContainer(target.name) }
        _ = try keepLearnedPreload(of: target.poolClass)
        if target.tenant == nil {
            try SharedPoolSlots(root: layout.confined, pool: target.name).releaseAll()
        }
        try layout.confined.removeTree(StateLayout.poolPath(target.name))
    }

    /// A new container on the same host directory: supervisord starts every program in `conf.d`
    /// again, so each bot comes back on its slot with its data.
    func replacePool(_ target: PoolTarget, context: ActionContext) async throws {
        let spec = try context.classSpec(target.poolClass)
        let metadata = PoolMetadata(target: target, spec: spec)
        _ = try await timed("docker") { try await docker.removeContainer(target.name) }
        try prepare(metadata, spec: spec, context: context)
        try await createAndStart(metadata, spec: spec)
    }

    /// The pool's directory; for a shared pool also its programs and binds: a pool dir left by a
    /// lost container (after a reboot, with no binds) or by a replaced one has programs that
    /// start again with the new container.
    private func prepare(_ metadata: PoolMetadata, spec: PoolClassSpec, context: ActionContext) throws {
        try prepareDirectory(metadata, spec: spec)
        if metadata.tenant == nil {
            try rewriteSharedPrograms(metadata, context: context)
        }
    }

    private func prepareDirectory(_ metadata: PoolMetadata, spec: PoolClassSpec) throws {
        let socket = layout.supervisorSocket(pool: metadata.name).path
        guard socket.utf8.count <= StateLayout.maximumSocketPathBytes else {
            throw ControllerError.socketPathTooLong(pool: metadata.name, path: socket)
        }
        let root = layout.confined
        // A layout-1 pool wrote its own supervisor dir (program files included): nothing in it
        // is carried over; its bots are placed again from the manifests.
        try root.removeTree(StateLayout.legacySupervisorPath(pool: metadata.name))
        let config = Supervisor.PoolConfig(pool: metadata.name, fork: spec.forkRuntime,
                                           credentials: key?.supervisorCredentials(pool: metadata.name))
        try config.prepare(beneath: root, config: StateLayout.configPath(pool: metadata.name),
                           run: StateLayout.runPath(pool: metadata.name))
        try root.write(try JSONEncoder().encode(metadata), at: StateLayout.poolPath(metadata.name) + "/" + PoolMetadata.fileName)
        if spec.forkRuntime?.learns == true {
            let learned = try keepLearnedPreload(of: metadata.poolClass)
            try root.write(learned?.fileContents ?? Data(),
                           at: StateLayout.configPath(pool: metadata.name) + "/" + Supervisor.ForkRuntime.learnedFileName)
        }
        guard let tenant = metadata.tenant else {
            try SharedPoolSlots(root: root, pool: metadata.name).prepare(maxBots: spec.maxBots)
            return
        }
        for passage in ["tenants", "tenants/\(tenant)", "tenants/\(tenant)/bots"] {
            try root.makeDirectories(passage, permissions: BotUser.passagePermissions)
        }
    }

    /// A dedicated pool sees its tenant's bots; a shared pool one bind per slot.
    private func dataBind(_ metadata: PoolMetadata) -> DockerEngine.Bind {
        guard let tenant = metadata.tenant else {
            return .init(hostPath: layout.confined.absolute(StateLayout.slotsPath(pool: metadata.name)),
                         containerPath: StateLayout.containerSlotsDir, readOnly: true, propagation: SharedPoolSlots.propagation)
        }
        return .init(hostPath: layout.botsDir(tenant: tenant).path, containerPath: StateLayout.containerBotsDir)
    }

    /// A replaced shared pool starts its programs again from `conf.d`: each is written anew
    /// (a pool of layout 2 named data dirs by tenant and bot, not by slot) and its data dir
    /// bound onto its slot before the container starts. Programs of bots no longer desired are
    /// left for the planner to remove, with the deletion policy their files hold.
    private func rewriteSharedPrograms(_ metadata: PoolMetadata, context: ActionContext) throws {
        let slots = SharedPoolSlots(root: layout.confined, pool: metadata.name)
        let config = StateLayout.configPath(pool: metadata.name)
        for observed in ProgramFiles.scan(layout.confined, config: config, pool: metadata).bots {
            guard context.bot(observed.id) != nil else { continue }
            let target = Action.BotSlot(id: observed.id, slot: observed.slot, port: metadata.basePort + observed.slot)
            let (bot, program) = try context.program(for: target, in: metadata.target)
            try stageFiles(bot, program, pool: metadata.name, owner: BotUser.dataOwner(port: metadata.basePort + observed.slot))
                .commitAll()
            try slots.bind(observed.id, slot: observed.slot)
        }
    }

    private func createAndStart(_ metadata: PoolMetadata, spec: PoolClassSpec) async throws {
        let network = try await ensurePoolNetwork()
        let container = DockerEngine.ContainerSpec(
            name: metadata.name,
            image: spec.image,
            labels: metadata.labels(stateDir: layout.root.path),
            binds: [
                .init(hostPath: layout.configDir(pool: metadata.name).path,
                      containerPath: Supervisor.PoolConfig.containerDirectory, readOnly: true),
                .init(hostPath: layout.runDir(pool: metadata.name).path, containerPath: Supervisor.PoolConfig.runDirectory),
                dataBind(metadata),
            ],
            ports: .init(hostIP: spec.publish, ports: metadata.basePort...(metadata.basePort + spec.maxBots - 1)),
            memoryBytes: spec.memoryLimit?.bytes,
            nanoCPUs: spec.cpus.map { Int64($0 * 1_000_000_000) },
            confinement: Self.poolConfinement,
            network: network
        )
        switch try await timed("docker", { try await docker.createContainer(container) }) {
        case .created:
            break
        case .nameConflict(let message):
            // A create that ran before a crash: fine if the container is ours, else refuse.
            // Ours means every label as this create would set it: a container of another class,
            // tenant or index (or another state dir) is never adopted.
            let existing = try await timed("docker") { try await docker.inspectContainer(metadata.name) }
            let wanted = metadata.labels(stateDir: layout.root.path)
            guard let details = existing.value, wanted.allSatisfy({ details.labels[$0.key] == $0.value }) else {
                throw ControllerError.nameTaken(container: metadata.name, reason: message)
            }
        }
        try await startReleasingPorts(metadata.name)
        try await waitForSupervisor(metadata.name)
    }

    /// Docker frees a removed container's published ports asynchronously (its docker-proxy
    /// exits after the remove returns), a start still in flight from a killed controller may
    /// hold them briefly, and a TIME_WAIT socket on a port (one inside the host's ephemeral
    /// range, used as some connection's source port) refuses the bind for up to a minute (hence
    /// the ephemeral-range warning of `validate` and the daemon). A
    /// start refused for any of these is retried here rather than failed into a 10 s retry.
    private func startReleasingPorts(_ name: String) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        while true {
            do {
                _ = try await timed("docker") { try await docker.startContainer(name) }
                return
            } catch let error as DockerEngine.Error where Self.isPortStillHeld(error) {
                guard clock.now < deadline else { throw error }
                logger.debug("ports still held; retrying start", metadata: ["pool": "\(name)", "error": "\(error)"])
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    static func isPortStillHeld(_ error: DockerEngine.Error) -> Bool {
        let text = "\(error)"
        return text.contains("port is already allocated") || text.contains("address already in use")
    }

    /// Every pool runs untrusted code, so it keeps three capabilities, for its root processes
    /// (supervisord and the fork zygote) only:
    /// - SETUID and SETGID, to start each bot as its own uid (`setpriv` in the program, the
    ///   zygote in the forked child);
    /// - KILL, to stop and signal bots of other uids.
    /// A bot loses them with root. Everything else goes: NET_RAW (ARP spoofing), CHOWN,
    /// DAC_OVERRIDE (root in the pool cannot open a bot's data dir or a file it does not own),
    /// SYS_CHROOT and the rest. No process may gain privileges (setuid binaries), a fork bomb
    /// stops at `pidsLimit` processes and threads, and the memory limit is not doubled by swap.
    /// The image is read-only: what a pool writes goes to its run dir, its bots' data dirs, or
    /// `/tmp` (in memory, sticky, counted against the memory limit), and nothing a bot leaves
    /// in the image's files survives into another bot's process.
    static let poolConfinement = DockerEngine.Confinement(
        capDrop: ["ALL"], capAdd: ["SETUID", "SETGID", "KILL"], noNewPrivileges: true, pidsLimit: 4096,
        swapEqualsMemory: true, readOnlyRoot: true, tmpfs: ["/tmp": "rw,nosuid,nodev,mode=1777,size=256m"])

    private func waitForSupervisor(_ pool: String) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + supervisorStartTimeout
        var lastError = "no answer"
        while clock.now < deadline {
            do {
                _ = try await supervisor(pool).getState()
                return
            } catch {
                lastError = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ControllerError.supervisorNotReady(pool: pool, seconds: Int(supervisorStartTimeout.components.seconds),
                                                 lastError: lastError)
    }
}

extension PoolClassSpec {
    /// The zygote and launcher settings of a fork class; nil for exec.
    var forkRuntime: Supervisor.ForkRuntime? {
        guard case .fork(let python, let preload, let learns) = runtime else { return nil }
        return Supervisor.ForkRuntime(python: python, preload: preload, learns: learns)
    }
}
