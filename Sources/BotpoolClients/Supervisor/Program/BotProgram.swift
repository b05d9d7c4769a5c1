extension Supervisor {
    /// A bot as supervisord should run it, every value already resolved by the controller.
    public struct BotProgram: Sendable, Equatable {
        /// The bot's name: program, group and log file name (a DNS-1123 label).
        public var name: String
        /// argv, no shell; argv[0] is looked up in PATH when it has no `/`.
        public var argv: [String]
        /// The complete extra environment, injected variables (`BOTPOOL_PORT`, …) included.
        public var env: [String: String]
        /// Working directory inside the container, e.g. `/bots/btc-dca`.
        public var directory: String
        /// The spec fingerprint as text (`SpecFingerprint.encoded`): written into the command,
        /// read back by the controller, opaque here.
        public var fingerprint: String
        /// Grace period between the stop signal and SIGKILL.
        public var stopWaitSeconds: Int
        /// The uid (and gid) the bot runs as; nil runs it as supervisord's user.
        public var uid: Int?

        public init(name: String, argv: [String], env: [String: String], directory: String,
                    fingerprint: String, stopWaitSeconds: Int = 10, uid: Int? = nil) {
            self.uid = uid
            self.name = name
            self.argv = argv
            self.env = env
            self.directory = directory
            self.fingerprint = fingerprint
            self.stopWaitSeconds = stopWaitSeconds
        }
    }
}
