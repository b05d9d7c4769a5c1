import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Supervisor.PoolConfig {
    /// Makes `conf.d` and `logs` under the pool's host supervisor directory and writes
    /// `supervisord.conf`, before the container starts (supervisord refuses a missing log dir).
    public func prepare(hostDirectory: String) throws(AtomicFile.Failure) {
        try AtomicFile.makeDirectories(hostDirectory + "/" + Self.programDirectory)
        try AtomicFile.makeDirectories(hostDirectory + "/" + Self.logDirectory)
        try AtomicFile.write(render(), to: hostDirectory + "/" + Self.fileName)
    }
}

extension Supervisor.ProgramWriter {
    /// Renders and atomically writes `conf.d/<bot>.conf` under the pool's host supervisor
    /// directory (0600: the command holds the bot's env, secrets included). Then
    /// `reloadConfig` + `addProcessGroup` (new), or stop + `removeProcessGroup` +
    /// `addProcessGroup` (changed).
    public static func write(_ program: Supervisor.BotProgram, hostDirectory: String) throws {
        try stage(program, hostDirectory: hostDirectory).commit()
    }

    /// `write` up to the rename: the new program file is on disk, the old one still in place.
    public static func stage(_ program: Supervisor.BotProgram, hostDirectory: String) throws -> AtomicFile.Staged {
        let text = try render(program)
        return try AtomicFile.stage(Data(text.utf8), for: hostDirectory + "/" + relativePath(for: program.name),
                                    permissions: 0o600)
    }

    /// Deletes `conf.d/<bot>.conf`; a missing file is fine. Then `reloadConfig`.
    public static func remove(_ name: String, hostDirectory: String) {
        guard Supervisor.ConfigQuoting.isPlain(name), !name.hasPrefix(".") else { return }
        _ = unlink(hostDirectory + "/" + relativePath(for: name))
    }
}
