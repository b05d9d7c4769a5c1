import BotpoolClients
import Foundation

extension DockerBackend {
    /// `pool/bot` → `STATE pid` for the bots of the pools that ran at the last observe, one
    /// `getAllProcessInfo` per pool in parallel; a pool whose supervisord does not answer has
    /// none. Cheap enough to ask every few seconds.
    public func processStates() async -> [String: String] {
        let pools = probeAddresses.current.map { Array($0.keys) } ?? []
        return await withTaskGroup(of: [String: String].self) { group in
            for pool in pools {
                group.addTask {
                    guard let processes = try? await supervisor(pool).getAllProcessInfo() else { return [:] }
                    var states: [String: String] = [:]
                    for process in processes where ProgramFiles.isBotProgram(process.name) {
                        states[ProcessStates.key(pool: pool, bot: process.name)] = ProcessStates.value(
                            process.observedState, pid: process.runningPID, startedAt: process.startedAt)
                    }
                    return states
                }
            }
            return await group.reduce(into: [:]) { $0.merge($1) { first, _ in first } }
        }
    }
}
