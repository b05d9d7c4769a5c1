extension Supervisor {
    /// One entry of `getAllProcessInfo`.
    public struct ProcessInfo: Sendable, Equatable {
        public var name: String
        public var group: String
        public var state: ProcessState
        /// supervisord's summary, e.g. `pid 42, uptime 0:01:02` or `Exited too quickly`.
        public var description: String
        /// Unix seconds; 0 when never started / stopped.
        public var start: Int
        public var stop: Int
        public var now: Int
        public var pid: Int
        /// The last exit status (meaningful once it exited).
        public var exitStatus: Int
        /// Why the last spawn failed, empty otherwise.
        public var spawnError: String
        public var stdoutLogfile: String

        /// `group:name`, the form every process method takes.
        public var namespec: String { group == name ? name : "\(group):\(name)" }

        init(_ value: XMLRPC.Value) throws(Supervisor.DecodingProblem) {
            let fields = try Supervisor.DecodingProblem.structure(value, "process info")
            name = fields["name"]?.string ?? ""
            group = fields["group"]?.string ?? ""
            state = ProcessState(rawValue: fields["state"]?.int ?? 1000) ?? .unknown
            description = fields["description"]?.string ?? ""
            start = fields["start"]?.int ?? 0
            stop = fields["stop"]?.int ?? 0
            now = fields["now"]?.int ?? 0
            pid = fields["pid"]?.int ?? 0
            exitStatus = fields["exitstatus"]?.int ?? 0
            spawnError = fields["spawnerr"]?.string ?? ""
            stdoutLogfile = fields["stdout_logfile"]?.string ?? ""
        }
    }
}
