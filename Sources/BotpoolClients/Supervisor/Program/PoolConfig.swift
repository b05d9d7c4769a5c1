extension Supervisor {
    /// The pool's `supervisord.conf` and its layout. The host directory
    /// `<state-dir>/pools/<pool>/supervisor` is mounted at `containerDirectory`; supervisord's
    /// socket, logs and program files all live there, so the controller reaches them from the host.
    public struct PoolConfig: Sendable, Equatable {
        public static let containerDirectory = "/botpool/supervisor"
        public static let fileName = "supervisord.conf"
        public static let socketName = "supervisor.sock"
        public static let programDirectory = "conf.d"
        public static let logDirectory = "logs"

        /// Named in the file's header comment only.
        public var pool: String
        /// Set for a fork pool: its zygote is part of the pool's own configuration.
        public var fork: ForkRuntime?

        public init(pool: String, fork: ForkRuntime? = nil) {
            self.pool = pool
            self.fork = fork
        }

        /// The socket's path on the host, given the pool's host supervisor directory.
        public static func socketPath(hostDirectory: String) -> String {
            hostDirectory + "/" + socketName
        }

        /// The image's CMD should be `supervisord -n -c` this.
        public static var containerConfigPath: String { containerDirectory + "/" + fileName }

        public func render() -> String {
            let dir = Self.containerDirectory
            return """
                ; Written by botpool for pool \(ConfigQuoting.isPlain(pool) ? pool : "?"); changes here are overwritten.
                [unix_http_server]
                file=\(dir)/\(Self.socketName)
                chmod=0770

                [supervisord]
                nodaemon=true
                logfile=\(dir)/supervisord.log
                logfile_maxbytes=10MB
                logfile_backups=2
                pidfile=\(dir)/supervisord.pid
                childlogdir=\(dir)/\(Self.logDirectory)

                [rpcinterface:supervisor]
                supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

                [supervisorctl]
                serverurl=unix://\(dir)/\(Self.socketName)

                [include]
                files = \(Self.programDirectory)/*.conf

                """ + (fork.map { "\n\n" + $0.programSection() } ?? "")
        }
    }
}
