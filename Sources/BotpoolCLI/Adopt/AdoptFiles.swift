import BotpoolClients
import BotpoolController
import Foundation

/// What adopt writes on the host: manifests, secret files, the copy of a container's data.
enum AdoptFiles {
    /// Each bot's manifest in `directory` (for validation before anything visible changes).
    static func stage(_ bots: [AdoptedBot], in directory: String) throws -> [String] {
        try AtomicFile.makeDirectories(directory, permissions: 0o700)
        return try bots.map { bot in
            let path = directory + "/" + bot.manifestFile
            try AtomicFile.write(AdoptManifest.yaml(bot), to: path, permissions: 0o600)
            return path
        }
    }

    /// The bot's secret env values, one 0600 file each in a 0700 directory. The same value
    /// written again changes nothing, so a re-run is harmless.
    static func writeSecrets(_ bot: AdoptedBot) throws {
        for secret in bot.secrets {
            let directory = (secret.path as NSString).deletingLastPathComponent
            try AtomicFile.makeDirectories(directory, permissions: 0o700)
            try AtomicFile.write(secret.value, to: secret.path, permissions: 0o600)
        }
    }

    /// Copies the container's data into the bot's data dir, owned by the uid the bot will run as
    /// on its port, as the controller would leave it. Any earlier partial copy goes first: this
    /// runs only while the bot's manifest is not yet written, so no pool has used the dir.
    /// The data is the old bot's writing: it is copied beneath the state dir without following
    /// a link on either side (`ConfinedRoot.copyTree`). Returns what was left out (FIFOs,
    /// sockets, device nodes), relative to the container's data.
    static func copyData(_ bot: AdoptedBot, stateDir: String) throws -> [String] {
        let layout = StateLayout(path: stateDir)
        let root = layout.confined
        let dataDir = StateLayout.dataPath(tenant: bot.tenant, bot: bot.bot)
        for passage in ["tenants", "tenants/\(bot.tenant)", "tenants/\(bot.tenant)/bots"] {
            try root.makeDirectories(passage, permissions: BotUser.passagePermissions)
        }
        let owner = BotUser.dataOwner(port: bot.port)
        try root.makeDirectories(dataDir, permissions: BotUser.dataDirPermissions)
        var skipped: [String] = []
        if let data = bot.data {
            let target = dataDir + "/" + data.target
            try root.removeTree(target)
            try root.makeDirectories((target as NSString).deletingLastPathComponent, permissions: BotUser.dataDirPermissions)
            skipped = try root.copyTree(from: data.source, to: target)
        }
        try root.changeOwner(ofTree: dataDir, to: owner)
        return skipped
    }
}
