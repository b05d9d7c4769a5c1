import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Foundation

extension DockerBackend {
    /// placeBot and updateBot: files, then program file, then the group, in an order that a
    /// crash at any point leaves for the next pass to see (a group that is missing, or whose
    /// file changed under it, is observed with an unknown spec and updated again).
    ///
    /// Everything the new bot needs is written (under temporary names) before a running bot is
    /// stopped: a full disk or any other write failure fails the action with the old bot still
    /// running, and the failure shows on the bot and in `botpool_actions_total`.
    func writeAndApplyBot(_ target: Action.BotSlot, in pool: PoolTarget, update: Bool, context: ActionContext) async throws {
        let (bot, program) = try context.program(for: target, in: pool)
        let client = try supervisor(pool.name)
        let staged = try stageFiles(bot, program, pool: pool.name, owner: BotUser.dataOwner(port: target.port))
        do {
            try bindSharedSlot(target, in: pool)
        } catch {
            staged.discardAll()
            throw error
        }
        if update {
            do {
                _ = try await timed("supervisord") { try await client.stopProcess(bot.name) }
                _ = try await timed("supervisord") { try await client.removeProcessGroup(bot.name) }
            } catch {
                staged.discardAll()
                throw error
            }
        }
        try staged.commitAll()
        try await activate(bot, client, pool: pool.name)
    }

    func startBot(_ target: Action.BotSlot, in pool: PoolTarget) async throws {
        let name = target.id.name
        let client = try supervisor(pool.name)
        try bindSharedSlot(target, in: pool)
        try await startOrAdd(name, client, pool: pool.name)
    }

    func stopBot(_ target: Action.BotSlot, in pool: PoolTarget) async throws {
        let name = target.id.name
        let client = try supervisor(pool.name)
        _ = try await timed("supervisord") { try await client.stopProcess(name) }
    }

    func restartBot(_ target: Action.BotSlot, in pool: PoolTarget) async throws {
        let name = target.id.name
        let client = try supervisor(pool.name)
        _ = try await timed("supervisord") { try await client.stopProcess(name) }
        // A bot that crashed because its bind is gone (the host rebooted) finds it again.
        try bindSharedSlot(target, in: pool)
        try await startOrAdd(name, client, pool: pool.name)
    }

    /// Stops the program and forgets it; the data dir goes only with deletionPolicy Delete.
    func removeBot(_ target: Action.BotSlot, in pool: PoolTarget, deleteData: Bool) async throws {
        let id = target.id
        // No socket: the pool's container is gone, and only its files are left to change.
        let client = try? supervisor(pool.name)
        if let client {
            _ = try await timed("supervisord") { try await client.stopProcess(id.name) }
            _ = try await timed("supervisord") { try await client.removeProcessGroup(id.name) }
        }
        // Detached before its program file goes: that file is the record that a bind may exist.
        if pool.tenant == nil {
            try SharedPoolSlots(root: layout.confined, pool: pool.name).release(id)
        }
        Supervisor.ProgramWriter.remove(id.name, beneath: layout.confined,
                                        config: SupervisorAccess(layout: layout, key: key).programConfigPath(pool: pool.name))
        if let client {
            try await reloadConfig(pool: pool.name, client)
        }
        if deleteData {
            // The pool can write the data dir: removed without following any link in it.
            try layout.confined.removeTree(StateLayout.dataPath(tenant: id.tenant, bot: id.name))
        }
    }

    /// In a shared pool, the bot's data dir onto its slot (see `SharedPoolSlots`). A shared
    /// pool of layout 2 (no slots dir, waiting to be replaced) mounts all of `tenants/`.
    private func bindSharedSlot(_ target: Action.BotSlot, in pool: PoolTarget) throws {
        guard pool.tenant == nil, layout.confined.isDirectory(StateLayout.slotsPath(pool: pool.name)) else { return }
        try SharedPoolSlots(root: layout.confined, pool: pool.name).bind(target.id, slot: target.slot)
    }

    /// The manifest's `files:` (into the bot's data dir) and the program file, each on disk
    /// under a temporary name; nothing visible changes until they are committed.
    func stageFiles(
        _ bot: Bot, _ program: Supervisor.BotProgram, pool: String, owner: ConfinedRoot.Owner
    ) throws -> [AtomicFile.Staged] {
        // A bot's data is its own (see BotUser); no other local user reads it. Pools write in
        // data dirs, so every path is resolved beneath the state dir, following no link.
        let root = layout.confined
        let dataDir = StateLayout.dataPath(tenant: bot.tenant, bot: bot.name)
        for passage in ["tenants", "tenants/\(bot.tenant)", "tenants/\(bot.tenant)/bots"] {
            try root.makeDirectories(passage, permissions: BotUser.passagePermissions)
        }
        if let current = root.owner(of: dataDir), current != owner {
            // Moved to another port (or made before bots had their own uid): re-owned, links
            // included as links, before the bot starts as its new uid.
            try root.changeOwner(ofTree: dataDir, to: owner)
        }
        try root.makeDirectories(dataDir, permissions: BotUser.dataDirPermissions, owner: owner)
        var staged: [AtomicFile.Staged] = []
        do {
            for file in bot.spec.files {
                staged.append(try root.stage(Data(file.contents.utf8), at: dataDir + "/" + file.name, permissions: 0o600,
                                             owner: owner))
            }
            // Into the config dir only: a layout-1 pool (waiting to be replaced) cannot run a bot
            // of this layout, so a placement there fails with the missing directory named.
            staged.append(try Supervisor.ProgramWriter.stage(program, beneath: root, config: StateLayout.configPath(pool: pool)))
        } catch {
            staged.discardAll()
            throw error
        }
        return staged
    }
}
