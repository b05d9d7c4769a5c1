extension Supervisor {
    /// How a fork pool runs its bots (images/common): one zygote program that preloads Python
    /// modules and forks each bot, and a `botpool-launch` per bot that supervisord supervises.
    public struct ForkRuntime: Sendable, Equatable {
        /// The zygote's program name. Bot names are DNS-1123 labels, which cannot contain `.`,
        /// so this never collides with a bot.
        public static let programName = "zygote.botpool"
        public static let zygotePath = "/usr/local/lib/botpool/zygote.py"
        public static let launcherPath = "/usr/local/bin/botpool-launch"
        public static var socketPath: String { PoolConfig.runDirectory + "/zygote.sock" }
        /// JSON the zygote writes once it serves: `pid`, `preloadSeconds`, `frozenObjects`; in
        /// the pool's run dir, so the host reads it (bounded: the pool wrote it) as `<run dir>/statusFileName`.
        public static let statusFileName = "zygote.json"
        public static var statusPath: String { PoolConfig.runDirectory + "/" + statusFileName }
        /// Modules an earlier zygote of the class learned, one a line: the controller writes it
        /// into the pool's read-only config dir; a learning zygote imports them (after its own
        /// checks: images/common/zygote_learning.py) instead of warming up.
        public static let learnedFileName = "zygote-learned.txt"
        public static var learnedPath: String { PoolConfig.containerDirectory + "/" + learnedFileName }

        /// Interpreter of the zygote; bots' console scripts resolve against it.
        public var python: String
        public var preload: [String]
        /// `preload: auto`: learn what bots import after the fork, starting from `learnedPath`.
        public var learns: Bool

        public init(python: String, preload: [String], learns: Bool = false) {
            self.python = python
            self.preload = preload
            self.learns = learns
        }

        /// A bot's argv as supervisord runs it in a fork pool.
        public static func launcherArgv(for argv: [String]) -> [String] {
            [launcherPath, "--socket", socketPath, "--"] + argv
        }

        /// The `[program:zygote.botpool]` section: started first, restarted by supervisord
        /// itself (its bots die with it and their launchers bring them back).
        public func programSection() -> String {
            let dir = PoolConfig.runDirectory
            var command = [python, Self.zygotePath, "--socket", Self.socketPath, "--status-file", Self.statusPath]
            if !preload.isEmpty { command += ["--preload", preload.joined(separator: ",")] }
            if learns { command += ["--learn", "--learned-file", Self.learnedPath] }
            return """
                [program:\(Self.programName)]
                command=\(command.map(ConfigQuoting.word).joined(separator: " "))
                priority=1
                autostart=true
                autorestart=true
                startsecs=1
                startretries=1000
                stopsignal=TERM
                stopwaitsecs=15
                redirect_stderr=true
                stdout_logfile=\(dir)/\(PoolConfig.logDirectory)/\(Self.programName).log
                stdout_logfile_maxbytes=10MB
                stdout_logfile_backups=2
                """
        }
    }
}
