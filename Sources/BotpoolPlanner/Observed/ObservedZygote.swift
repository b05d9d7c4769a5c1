/// The zygote of a fork pool as supervisord and its status file report it. Shown by
/// `describe pool`; the planner does not act on it (restarting a zygote is supervisord's job,
/// and its bots come back with it).
public struct ObservedZygote: Hashable, Sendable {
    public var process: ProcessState
    /// In the container's pid namespace, as supervisord reports it.
    public var pid: Int?
    public var startedAt: Timestamp?
    public var exitStatus: Int?
    /// What the zygote wrote once it served; nil while it preloads, or when the file is missing
    /// or belongs to an earlier zygote process.
    public var serving: ZygoteServing?

    public init(process: ProcessState, pid: Int? = nil, startedAt: Timestamp? = nil, exitStatus: Int? = nil,
                serving: ZygoteServing? = nil) {
        self.process = process
        self.pid = pid
        self.startedAt = startedAt
        self.exitStatus = exitStatus
        self.serving = serving
    }
}

/// The zygote's status file (`images/common/zygote.py --status-file`).
public struct ZygoteServing: Hashable, Sendable, Codable {
    public var pid: Int
    public var python: String
    public var version: String
    public var preload: [String]
    public var preloadSeconds: Double
    public var frozenObjects: Int

    public init(pid: Int, python: String, version: String, preload: [String], preloadSeconds: Double, frozenObjects: Int) {
        self.pid = pid
        self.python = python
        self.version = version
        self.preload = preload
        self.preloadSeconds = preloadSeconds
        self.frozenObjects = frozenObjects
    }
}
