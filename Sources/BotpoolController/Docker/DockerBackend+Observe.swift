import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Foundation

extension DockerBackend {
    /// One Docker list call for all of this controller's pools (those labelled with its state
    /// dir; other controllers' pools on the same daemon are not seen), then per running pool,
    /// `PoolFanOut.limit` pools at a time, `getAllProcessInfo`, preceded by `reloadConfig` and
    /// `getAllConfigInfo` only when the pool's configuration may have changed since it was last
    /// read (`ProgramConfigCache`). Dead pools are read from their host directory. Nothing is changed
    /// by observing (reloadConfig only re-reads files).
    public func observe() async throws -> ObservedState {
        let containers = try await ownContainers()
        probeAddresses.update(Self.probeHosts(of: containers))
        var state = ObservedState()
        var found: [(PoolMetadata, DockerEngine.ContainerSummary)] = []
        for container in containers {
            switch PoolMetadata.parse(labels: container.labels) {
            case .success(let metadata): found.append((metadata, container))
            case .failure(let malformed):
                state.malformedContainers.append(MalformedContainer(id: container.id, name: container.name,
                                                                    problem: malformed.problem))
            }
        }
        state.pools = await PoolFanOut.map(found) { metadata, container in
            await observePool(metadata, container: container)
        }
        configCache.keep(only: Set(found.map(\.0.name)))
        state.pools += poolsWithoutContainers(known: Set(found.map(\.0.name)))
        state.pools.sort { $0.name < $1.name }
        return state
    }

    private func observePool(_ metadata: PoolMetadata, container: DockerEngine.ContainerSummary) async -> ObservedPool {
        var pool = ObservedPool(
            name: metadata.name, poolClass: metadata.poolClass, tenant: metadata.tenant, index: metadata.index,
            basePort: metadata.basePort, templateHash: metadata.templateHash,
            container: container.state == "running" ? .running : .exited,
            createdAt: Timestamp(container.created)
        )
        guard pool.container == .running else {
            pool.bots = scanProgramFiles(metadata)
            return pool
        }
        do {
            (pool.bots, pool.zygote) = try await observeBots(try supervisor(metadata.name), pool: metadata,
                                                             container: container.id)
        } catch {
            // A container that runs but whose supervisord does not answer is as good as exited:
            // the planner replaces it. Read what it should hold from its files.
            configCache.forget(pool: metadata.name)
            logger.warning("supervisord not answering; treating pool as exited",
                           metadata: ["pool": "\(metadata.name)", "error": "\(error)"])
            pool.container = .exited
            pool.bots = scanProgramFiles(metadata)
        }
        return pool
    }

    private func scanProgramFiles(_ metadata: PoolMetadata) -> [ObservedBot] {
        let (bots, rejected) = ProgramFiles.scan(layout.confined, config: StateLayout.configPath(pool: metadata.name), pool: metadata)
        report(rejected, pool: metadata.name)
        return bots
    }

    private func report(_ rejected: [ReadBack.Rejection], pool: String) {
        for rejection in rejected {
            logger.warning("pool holds a program that is not one of its bots", metadata: ["pool": "\(pool)", "problem": "\(rejection)"])
        }
    }

    private func observeBots(
        _ client: Supervisor.Client, pool metadata: PoolMetadata, container: String
    ) async throws -> ([ObservedBot], ObservedZygote?) {
        let config = StateLayout.configPath(pool: metadata.name)
        let stamp = layout.confined.stamp(config + "/" + Supervisor.PoolConfig.programDirectory)
        let configured: ConfiguredPrograms
        if let stamp, let cached = configCache.entry(pool: metadata.name, container: container, stamp: stamp) {
            configured = cached.programs
        } else {
            let settled: Bool
            (configured, settled) = try await readConfiguration(client, pool: metadata)
            if settled, let stamp {
                configCache.store(.init(container: container, stamp: stamp, programs: configured), pool: metadata.name)
            }
        }
        let processes = try await timed("supervisord") { try await client.getAllProcessInfo() }
        let byName = Dictionary(processes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let bots = configured.bots.map { program, configuredBot in
            var bot = configuredBot
            guard bot.process != .stopped, let process = byName[program] else {
                bot.process = .stopped
                return bot
            }
            bot.process = process.observedState
            bot.pid = process.runningPID
            bot.exitStatus = process.endedExitStatus
            bot.startedAt = process.startedAt
            return bot
        }
        let zygoteName = Supervisor.ForkRuntime.programName
        let statusFile = StateLayout.runPath(pool: metadata.name) + "/" + Supervisor.ForkRuntime.statusFileName
        let zygote = configured.hasZygote
            ? ZygoteStatusFile.observe(byName[zygoteName], file: statusFile, beneath: layout.confined)
            : nil
        return (bots, zygote)
    }

    /// The bots a pool's configuration names, and whether supervisord's loaded configuration
    /// matched the files (no group changed, added or removed by `reloadConfig`, none rejected).
    private func readConfiguration(
        _ client: Supervisor.Client, pool metadata: PoolMetadata
    ) async throws -> (ConfiguredPrograms, settled: Bool) {
        // After reloadConfig, config info shows the files; `changed` and `added` name groups whose
        // running process does not match its file (a pass that died half-way): unknown spec.
        let reload = try await timed("supervisord") { try await client.reloadConfig() }
        let configs = try await timed("supervisord") { try await client.getAllConfigInfo() }
        let unsettled = Set(reload.changed + reload.added)
        // supervisord's answers come from inside the pool: a program counts only when the
        // controller wrote its file (read-only in the pool), and a policy that deletes data is
        // taken from that file, never from the answer. Layout-1 pools have no such files.
        let config = StateLayout.configPath(pool: metadata.name)
        let written = (metadata.layout ?? 1) >= 2 ? Set(ProgramFiles.names(layout.confined, config: config)) : nil
        var bots: [(program: String, bot: ObservedBot)] = []
        var rejected: [ReadBack.Rejection] = []
        for entry in configs where ProgramFiles.isBotProgram(entry.name) {
            guard let program = entry.program else { continue }
            let claim: ReadBack.Claim
            switch ReadBack.claim(program: entry.name, command: program, pool: metadata) {
            case .success(let valid) where written == nil || written?.contains(entry.name) == true:
                claim = valid
            case .success:
                rejected.append(ReadBack.Rejection(program: entry.name, reason: "supervisord reports it but botpool wrote no program file for it"))
                continue
            case .failure(let rejection):
                rejected.append(rejection)
                continue
            }
            let fingerprint = program.fingerprint
            var deletionPolicy = fingerprint?.deletionPolicy ?? .retain
            if deletionPolicy != .retain, written != nil {
                deletionPolicy = ProgramFiles.read(layout.confined, config: config, program: entry.name)?.fingerprint?.deletionPolicy ?? .retain
            }
            bots.append((entry.name, ObservedBot(
                id: claim.id, slot: claim.slot,
                fingerprint: unsettled.contains(entry.name) ? nil : fingerprint,
                deletionPolicy: deletionPolicy,
                process: reload.added.contains(entry.name) ? .stopped : .unknown
            )))
        }
        report(rejected, pool: metadata.name)
        let hasZygote = configs.contains { $0.name == Supervisor.ForkRuntime.programName }
        let settled = unsettled.isEmpty && reload.removed.isEmpty && rejected.isEmpty
        return (ConfiguredPrograms(bots: bots.sorted { $0.bot.slot < $1.bot.slot }, hasZygote: hasZygote), settled)
    }

    /// Pool directories with `pool.json` whose container is gone (`docker rm -f`).
    private func poolsWithoutContainers(known: Set<String>) -> [ObservedPool] {
        let poolsDir = layout.root.appendingPathComponent("pools").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: poolsDir)) ?? []
        return names.filter { !known.contains($0) }.sorted().compactMap { name in
            let file = layout.root.appendingPathComponent("pools/\(name)/\(PoolMetadata.fileName)")
            guard let data = try? Data(contentsOf: file),
                  let metadata = try? JSONDecoder().decode(PoolMetadata.self, from: data)
            else { return nil }
            return ObservedPool(
                name: metadata.name, poolClass: metadata.poolClass, tenant: metadata.tenant, index: metadata.index,
                basePort: metadata.basePort, templateHash: metadata.templateHash, container: .missing,
                bots: scanProgramFiles(metadata)
            )
        }
    }
}

extension DockerBackend {
    func forgetObservedConfiguration(pool: String) {
        configCache.forget(pool: pool)
    }
}
