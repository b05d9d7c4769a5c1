import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Supervisor.PoolConfig {
    /// Makes the pool's config directory (with `conf.d`) and run directory (with `logs`)
    /// beneath `root` and writes `supervisord.conf`, before the container starts (supervisord
    /// refuses a missing log dir). Container root owns them like host root. The config dir is
    /// 0700: bots that run as their own uid cannot read their neighbours' programs (env and
    /// secrets). The run dir is 0711: they reach the zygote's socket in it, but cannot list it,
    /// and supervisord's socket (0770) stays root's.
    public func prepare(beneath root: ConfinedRoot, config: String, run: String) throws(AtomicFile.Failure) {
        try root.makeDirectories(config, permissions: 0o700)
        try root.makeDirectories(config + "/" + Self.programDirectory, permissions: 0o700)
        try root.makeDirectories(run, permissions: 0o711)
        try root.makeDirectories(run + "/" + Self.logDirectory, permissions: 0o700)
        try root.write(Data(render().utf8), at: config + "/" + Self.fileName, permissions: 0o600)
    }
}

extension Supervisor.ProgramWriter {
    /// Renders and atomically writes `conf.d/<bot>.conf` under the pool's config directory
    /// beneath `root` (0600: the command holds the bot's env, secrets included). Then
    /// `reloadConfig` + `addProcessGroup` (new), or stop + `removeProcessGroup` +
    /// `addProcessGroup` (changed).
    public static func write(_ program: Supervisor.BotProgram, beneath root: ConfinedRoot, config: String) throws {
        try stage(program, beneath: root, config: config).commit()
    }

    /// `write` up to the rename: the new program file is on disk, the old one still in place.
    public static func stage(_ program: Supervisor.BotProgram, beneath root: ConfinedRoot, config: String) throws -> AtomicFile.Staged {
        let text = try render(program)
        return try root.stage(Data(text.utf8), at: config + "/" + relativePath(for: program.name), permissions: 0o600)
    }

    /// Deletes `conf.d/<bot>.conf`; a missing file is fine. Then `reloadConfig`.
    public static func remove(_ name: String, beneath root: ConfinedRoot, config: String) {
        guard Supervisor.ConfigQuoting.isPlain(name), !name.hasPrefix(".") else { return }
        root.removeFile(config + "/" + relativePath(for: name))
    }
}
