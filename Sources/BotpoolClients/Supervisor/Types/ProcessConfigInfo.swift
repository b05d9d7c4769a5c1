extension Supervisor {
    /// One entry of `getAllConfigInfo`: a program as supervisord last read it from disk (after
    /// the latest `reloadConfig`), whether or not its group is running with that config.
    public struct ProcessConfigInfo: Sendable, Equatable {
        public var name: String
        public var group: String
        /// After `%(…)s` expansion, as supervisord will split it.
        public var command: String
        public var directory: String
        public var autostart: Bool
        /// Whether the group is added (running with some config); false for a group that
        /// `reloadConfig` read but nobody added.
        public var inUse: Bool
        public var startSeconds: Int
        public var stopWaitSeconds: Int
        public var stdoutLogfile: String

        /// What botpool wrote into `command`: the bot's argv, env and spec fingerprint. Nil for a
        /// program botpool did not write.
        public var program: ProgramCommand? { ProgramCommand(parsing: command) }

        init(_ value: XMLRPC.Value) throws(Supervisor.DecodingProblem) {
            let fields = try Supervisor.DecodingProblem.structure(value, "config info")
            name = fields["name"]?.string ?? ""
            group = fields["group"]?.string ?? ""
            command = fields["command"]?.string ?? ""
            directory = fields["directory"]?.string ?? ""
            autostart = fields["autostart"]?.bool ?? false
            inUse = fields["inuse"]?.bool ?? false
            startSeconds = fields["startsecs"]?.int ?? 0
            stopWaitSeconds = fields["stopwaitsecs"]?.int ?? 0
            stdoutLogfile = fields["stdout_logfile"]?.string ?? ""
        }
    }
}
