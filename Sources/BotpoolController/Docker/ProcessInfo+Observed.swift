import BotpoolClients
import BotpoolPlanner

/// supervisord's process entry in the planner's terms, the one reading for bots, the zygote
/// and the process watch.
extension Supervisor.ProcessInfo {
    var observedState: ProcessState {
        ProcessState(rawValue: state.description) ?? .unknown
    }

    /// nil when no process runs (supervisord reports 0).
    var runningPID: Int? {
        pid > 0 ? pid : nil
    }

    var startedAt: Timestamp? {
        start > 0 ? Timestamp(start) : nil
    }

    /// Meaningful only once the process ended.
    var endedExitStatus: Int? {
        [.exited, .fatal, .backoff].contains(state) ? exitStatus : nil
    }
}
