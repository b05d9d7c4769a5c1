import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Foundation

extension SwarmBackend {
    /// placeBot and updateBot: the record first (the slot is the bot's from then on, and a
    /// crash after this leaves a recorded bot with no program, which the next pass writes
    /// again), then data dir and files, then program, then the group.
    func writeAndApplyBot(_ target: Action.BotSlot, in pool: PoolTarget, update: Bool, context: ActionContext) async throws {
        let (bot, program) = try context.program(for: target, in: pool)
        let client = try supervisor(pool.name)
        try await record(pool, slot: target.slot, bot: target.id, holder: .init(id: target.id, deletionPolicy: bot.spec.deletionPolicy))
        try await apply(bot, program, port: target.port, pool: pool.name, client: client, update: update)
    }

    /// Writes the bot's files and program into the pool through its supervisord and (re)starts
    /// the group. Everything is written before a running bot is stopped.
    func apply(_ bot: Bot, _ program: Supervisor.BotProgram, port: Int, pool: String, client: Supervisor.Client,
               update: Bool) async throws {
        let text = try Supervisor.ProgramWriter.render(program)
        let files = Dictionary(bot.spec.files.map { ($0.name, $0.contents) }, uniquingKeysWith: { _, last in last })
        let uid = BotUser.uid(port: port)
        _ = try await timed("supervisord") { try await client.prepareData(name: bot.name, uid: uid, files: files) }
        if update {
            _ = try await timed("supervisord") { try await client.stopProcess(bot.name) }
            _ = try await timed("supervisord") { try await client.removeProcessGroup(bot.name) }
        }
        _ = try await timed("supervisord") { try await client.writeProgram(name: bot.name, text: text) }
        try await activate(bot, client, pool: pool)
    }

    func startBot(_ target: Action.BotSlot, in pool: PoolTarget) async throws {
        try await startOrAdd(target.id.name, try supervisor(pool.name), pool: pool.name)
    }

    func stopBot(_ target: Action.BotSlot, in pool: PoolTarget) async throws {
        let client = try supervisor(pool.name)
        _ = try await timed("supervisord") { try await client.stopProcess(target.id.name) }
    }

    func restartBot(_ target: Action.BotSlot, in pool: PoolTarget) async throws {
        let client = try supervisor(pool.name)
        _ = try await timed("supervisord") { try await client.stopProcess(target.id.name) }
        try await startOrAdd(target.id.name, client, pool: pool.name)
    }

    /// Program, then data (only with deletionPolicy Delete), then the record: until the record
    /// lets go of the slot, a crash leaves a recorded bot that the next pass removes again.
    func removeBot(_ target: Action.BotSlot, in pool: PoolTarget, deleteData: Bool) async throws {
        let name = target.id.name
        if let client = try? supervisor(pool.name) {
            _ = try await timed("supervisord") { try await client.stopProcess(name) }
            _ = try await timed("supervisord") { try await client.removeProcessGroup(name) }
            _ = try await timed("supervisord") { try await client.removeProgram(name: name) }
            try await reloadConfig(pool: pool.name, client)
            if deleteData {
                _ = try await timed("supervisord") { try await client.removeData(name: name, uid: BotUser.uid(port: target.port)) }
            }
        } else if deleteData {
            // The data is in the pool's node's volume, reachable only through a running pool.
            throw SwarmError.poolNotRunning(pool.name)
        }
        try await record(pool, slot: target.slot, bot: target.id, holder: nil)
    }

    /// Sets (or with nil clears) one slot of the pool's record for `bot`; a service changed in
    /// between is read again. Placements into one pool are serialised here. A slot that holds
    /// another bot (written by `botpool move` or another writer since this pass observed) is
    /// never overwritten or cleared: setting it fails, and the next pass plans from what is there.
    /// The slot's move mark stays while the same bot holds it and goes with the bot.
    func record(_ pool: PoolTarget, slot: Int, bot: BotID, holder: SwarmPoolRecord.Slot?) async throws {
        let service = SwarmPoolRecord.serviceName(instance: instance, target: pool)
        try await recordGate.withPool(pool.name) {
            for _ in 0..<8 {
                let result = try await timed("docker") {
                    try await docker.updateServiceLabels(service) { labels in
                        SwarmPoolRecord.holder(of: slot, in: labels).map { $0 == bot } ?? true
                            ? SwarmPoolRecord.setting(slot: slot, to: holder, in: labels) : labels
                    }
                }
                switch result {
                case .updated: return
                case .unchanged(let labels):
                    guard holder != nil, let other = SwarmPoolRecord.holder(of: slot, in: labels), other != bot else { return }
                    throw SwarmError.slotTaken(pool: pool.name, slot: slot, by: other.description)
                case .absent: throw SwarmError.poolNotRunning(pool.name)
                case .conflict: try await Task.sleep(for: .milliseconds(Int.random(in: 50...250)))
                }
            }
            throw SwarmError.recordConflict(pool: pool.name)
        }
    }
}
