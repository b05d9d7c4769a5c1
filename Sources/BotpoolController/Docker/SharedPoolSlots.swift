import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Foundation

/// A shared pool holds bots of many tenants, so it must see only the data dirs of the bots
/// placed in it, and those change while it runs. Its container mounts `pools/<pool>/slots`
/// read-only at `/slots`, with `rslave` propagation; the host dir is a shared mount point. To
/// place a bot on slot N the controller binds the bot's data dir (`tenants/<t>/bots/<b>`) onto
/// `slots/N` on the host, and the bind appears at `/slots/N` in the running container; when
/// the bot leaves, the bind is detached. Nothing else of `tenants/` is in the pool, so root
/// in a shared pool (which keeps SETUID) can become any uid and still reach only its own
/// bots' files.
///
/// An empty slot dir is mode 0000: a bot whose bind is missing (the host rebooted, mounts are
/// gone) cannot enter its working dir and fails to start, rather than write into the empty
/// slot; its restart binds the data dir again.
struct SharedPoolSlots {
    let root: ConfinedRoot
    let pool: String

    static let emptySlotPermissions: mode_t = 0o000
    /// Mounts of the host's slots dir reach the container; none go back.
    static let propagation = "rslave"

    var path: String {
        StateLayout.slotsPath(pool: pool)
    }

    /// The slots dir as a shared mount point, with a dir for each slot up to `maxBots`.
    func prepare(maxBots: Int) throws {
        try root.makeDirectories(path, permissions: 0o711)
        try root.makeSharedMountPoint(path)
        for slot in 0..<maxBots {
            let slotPath = StateLayout.slotPath(pool: pool, slot: slot)
            // A bound slot shows a bot's data dir: its modes are the bot's.
            if try root.isMountPoint(slotPath) { continue }
            try root.makeDirectories(slotPath, permissions: Self.emptySlotPermissions)
        }
    }

    /// Binds the bot's data dir onto its slot (nothing happens when the slot shows it already).
    func bind(_ bot: BotID, slot: Int) throws {
        try root.bind(StateLayout.dataPath(tenant: bot.tenant, bot: bot.name), onto: StateLayout.slotPath(pool: pool, slot: slot))
    }

    /// Detaches the bot's data dir from every slot that shows it.
    func release(_ bot: BotID) throws {
        let data = StateLayout.dataPath(tenant: bot.tenant, bot: bot.name)
        for slot in root.contentsOfDirectory(path) {
            let slotPath = path + "/" + slot
            if try root.isMountPoint(slotPath), root.sameDirectory(slotPath, data) {
                try root.unmount(slotPath)
            }
        }
    }

    /// Detaches every slot and the slots dir itself, then removes the (now empty) dirs; with
    /// the pool's container gone. A bind that cannot be detached fails this, and the removal
    /// that follows never deletes through a mount point.
    func releaseAll() throws {
        for slot in root.contentsOfDirectory(path) {
            try root.unmount(path + "/" + slot)
        }
        try root.unmount(path)
        try root.removeTree(path)
    }
}
