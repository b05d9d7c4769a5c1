extension Supervisor {
    /// A process's state (supervisor/states.py `ProcessStates`).
    public enum ProcessState: Int, Sendable, Hashable, CustomStringConvertible {
        case stopped = 0
        case starting = 10
        case running = 20
        case backoff = 30
        case stopping = 40
        case exited = 100
        case fatal = 200
        case unknown = 1000

        /// supervisord's own name, e.g. `RUNNING`.
        public var description: String {
            switch self {
            case .stopped: "STOPPED"
            case .starting: "STARTING"
            case .running: "RUNNING"
            case .backoff: "BACKOFF"
            case .stopping: "STOPPING"
            case .exited: "EXITED"
            case .fatal: "FATAL"
            case .unknown: "UNKNOWN"
            }
        }

        /// Not running and not about to run on its own (with autorestart off).
        public var isStopped: Bool { [.stopped, .exited, .fatal].contains(self) }
    }

    /// supervisord's own state (`getState`): FATAL 2, RUNNING 1, RESTARTING 0, SHUTDOWN -1.
    public enum DaemonState: Int, Sendable, Hashable {
        case fatal = 2
        case running = 1
        case restarting = 0
        case shutdown = -1
    }
}
