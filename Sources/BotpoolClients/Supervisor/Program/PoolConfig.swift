extension Supervisor {
    /// The pool's `supervisord.conf` and its layout. Two host directories are mounted:
    /// `containerDirectory` read-only, with this file and the program files (`conf.d`), which
    /// only the controller writes; `runDirectory` read-write, with supervisord's socket, pid and
    /// logs and the zygote's socket. The controller reaches the socket from the host.
    public struct PoolConfig: Sendable, Equatable {
        /// The image's CMD names `containerConfigPath`, so the read-only directory keeps this path.
        public static let containerDirectory = "/botpool/supervisor"
        public static let runDirectory = "/botpool/run"
        public static let fileName = "supervisord.conf"
        public static let socketName = "supervisor.sock"
        public static let programDirectory = "conf.d"
        public static let logDirectory = "logs"

        /// Named in the file's header comment only.
        public var pool: String
        /// Set for a fork pool: its zygote is part of the pool's own configuration.
        public var fork: ForkRuntime?
        /// What the socket asks for (HTTP basic auth): a socket path that a pool redirected to
        /// another pool's socket then answers 401 instead of obeying the wrong controller call.
        public var credentials: Credentials?

        public init(pool: String, fork: ForkRuntime? = nil, credentials: Credentials? = nil) {
            self.pool = pool
            self.fork = fork
            self.credentials = credentials
        }

        /// The socket's path on the host, given the pool's host run directory.
        public static func socketPath(runDirectory: String) -> String {
            runDirectory + "/" + socketName
        }

        /// The image's CMD should be `supervisord -n -c` this.
        public static var containerConfigPath: String { containerDirectory + "/" + fileName }

        public func render() -> String {
            let dir = Self.runDirectory
            let login = credentials?.configLines ?? ""
            return """
                ; Written by botpool for pool \(ConfigQuoting.isPlain(pool) ? pool : "?"); changes here are overwritten.
                [unix_http_server]
                file=\(dir)/\(Self.socketName)
                chmod=0770
                \(login)

                \(Self.daemonSections(childLogDirectory: dir + "/" + Self.logDirectory))

                [supervisorctl]
                serverurl=unix://\(dir)/\(Self.socketName)

                [include]
                files = \(Self.programDirectory)/*.conf

                """ + (fork.map { "\n\n" + $0.programSection() } ?? "")
        }

        /// `[supervisord]` with its pid and logs in the run dir, and the main rpcinterface: the
        /// part every pool's config shares (`SwarmPoolConfig` too).
        static func daemonSections(childLogDirectory: String) -> String {
            let dir = runDirectory
            return """
                [supervisord]
                nodaemon=true
                logfile=\(dir)/supervisord.log
                logfile_maxbytes=10MB
                logfile_backups=2
                pidfile=\(dir)/supervisord.pid
                childlogdir=\(childLogDirectory)

                [rpcinterface:supervisor]
                supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
                """
        }
    }
}
