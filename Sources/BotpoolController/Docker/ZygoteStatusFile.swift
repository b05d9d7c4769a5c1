import BotpoolClients
import BotpoolPlanner
import Foundation

/// A fork pool's zygote: supervisord's process entry plus the status file the zygote writes
/// once it serves (`zygote.json` in the pool's run dir, which the pool writes: read bounded,
/// following no link).
enum ZygoteStatusFile {
    /// Room for a learned list of `LearnedPreload.maxModules` names.
    static let maxBytes = 1 << 20

    static func observe(_ process: Supervisor.ProcessInfo?, file: String, beneath root: ConfinedRoot) -> ObservedZygote {
        guard let process else { return ObservedZygote(process: .stopped) }
        var zygote = ObservedZygote(process: process.observedState, pid: process.runningPID,
                                    startedAt: process.startedAt, exitStatus: process.endedExitStatus)
        if let pid = process.runningPID, let data = root.read(file, maxBytes: maxBytes) {
            zygote.serving = serving(in: data, pid: pid)
        }
        return zygote
    }

    /// The file's contents if the running zygote wrote it; a file left by an earlier zygote
    /// process (one still preloading has not written its own yet) is not this one's.
    static func serving(in data: Data, pid: Int) -> ZygoteServing? {
        guard let serving = try? JSONDecoder().decode(ZygoteServing.self, from: data), serving.pid == pid else {
            return nil
        }
        return serving
    }
}
