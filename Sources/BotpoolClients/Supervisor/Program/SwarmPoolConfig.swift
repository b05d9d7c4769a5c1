extension Supervisor {
    /// The `supervisord.conf` of a swarm pool, delivered as a swarm secret at `configPath`.
    /// The controller is on another node, so supervisord listens on TCP (`controlPort`, HTTP
    /// basic auth) instead of a bind-mounted socket, and program files and data dirs are
    /// written through the same channel by `SwarmPoolPlugin`. The pool's root is read-only:
    /// `programDirectory` and `PoolConfig.runDirectory` are tmpfs mounts, `/bots` a volume.
    public struct SwarmPoolConfig: Sendable, Equatable {
        public static let controlPort = 9001
        /// A tmpfs (0700, root's) holding `<bot>.conf`, written by `botpool.writeProgram`.
        public static let programDirectory = "/botpool/programs"
        /// The plugin's directory; supervisord runs with `PYTHONPATH` set to it.
        public static let pluginDirectory = "/botpool/lib"
        public static var pluginPath: String { pluginDirectory + "/botpool_rpc.py" }
        /// Where the secret holding this file is mounted; supervisord runs `-n -c` this.
        public static let configPath = "/run/secrets/botpool-supervisord.conf"
        /// The environment supervisord needs to find the plugin.
        public static var environment: [String: String] { ["PYTHONPATH": pluginDirectory] }

        /// Named in the file's header comment only.
        public var pool: String
        /// Set for a fork pool: its zygote is part of the pool's own configuration.
        public var fork: ForkRuntime?
        /// Required: the port is reachable from the network the pool is on.
        public var credentials: Credentials

        public init(pool: String, credentials: Credentials, fork: ForkRuntime? = nil) {
            self.pool = pool
            self.credentials = credentials
            self.fork = fork
        }

        /// `childlogdir` is the run dir itself, not its `logs`: supervisord insists it exists
        /// when it reads this file, and the run dir is an empty tmpfs then. The plugin makes
        /// `logs` (where every program logs) when supervisord loads it, before any program starts.
        public func render() -> String {
            """
            ; Written by botpool for swarm pool \(ConfigQuoting.isPlain(pool) ? pool : "?"); delivered as a secret.
            [inet_http_server]
            port=0.0.0.0:\(Self.controlPort)
            \(credentials.configLines)

            \(PoolConfig.daemonSections(childLogDirectory: PoolConfig.runDirectory))

            [rpcinterface:botpool]
            supervisor.rpcinterface_factory = \(SwarmPoolPlugin.factory)

            [include]
            files = \(Self.programDirectory)/*.conf

            """ + (fork.map { "\n\n" + $0.programSection() } ?? "")
        }
    }
}
