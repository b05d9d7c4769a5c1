extension Supervisor {
    /// Renders a bot's `conf.d/<bot>.conf`.
    ///
    /// **Where the spec fingerprint lives.** supervisord 4.2's `getAllConfigInfo` returns
    /// `command` but not `environment`, and `environment=` cannot carry arbitrary values anyway
    /// (it is split by non-POSIX shlex, which has no escapes, treats `#` as a comment, and strips
    /// every leading and trailing quote from each value). So the environment goes into the
    /// command instead, through `/usr/bin/env`, led by the fingerprint:
    ///
    ///     command=/usr/bin/env BOTPOOL_SPEC=<fingerprint> 'NAME=value' … 'argv0' 'argv1' …
    ///
    /// `env` sets the variables and execs argv (same pid, argv exactly as given; argv[0] is looked
    /// up in the bot's PATH). `ProgramCommand(parsing:)` reads the fingerprint, env and argv back
    /// from `getAllConfigInfo`'s `command`. Cost: argv[0] must not contain `=` (env would take it
    /// for a variable), and a missing executable shows as exit 127 with env's message in the log
    /// rather than as a supervisord spawn error. The command holds env values, secrets included:
    /// never log it.
    ///
    /// **Settings.** `autorestart=false` and `startretries=0`: the controller restarts with
    /// back-off, supervisord never does. `startsecs=1`: a process that dies within its first
    /// second goes to FATAL ("Exited too quickly"), telling a broken command from a later crash
    /// (EXITED), while placement still sees RUNNING after one second. `stopasgroup` and
    /// `killasgroup` so a bot's children go with it. stderr is merged into the stdout log so that
    /// `tailProcessStdoutLog` shows both.
    public enum ProgramWriter {
        /// The variable carrying the fingerprint in the command (and in the bot's environment).
        public static let fingerprintVariable = "BOTPOOL_SPEC"
        static let envPath = "/usr/bin/env"

        /// `conf.d/<bot>.conf`, relative to the pool's config directory.
        public static func relativePath(for name: String) -> String {
            PoolConfig.programDirectory + "/" + name + ".conf"
        }

        /// The whole file. Throws `invalidProgram` for any value that cannot be written exactly.
        public static func render(_ program: BotProgram) throws(Supervisor.Error) -> String {
            try validate(program)
            let logFile = PoolConfig.runDirectory + "/" + PoolConfig.logDirectory + "/" + program.name + ".log"
            return """
                ; Written by botpool; changes here are overwritten. Bot \(program.name).
                [program:\(program.name)]
                command=\(command(program))
                directory=\(program.directory)
                autostart=true
                autorestart=false
                startsecs=1
                startretries=0
                stopsignal=TERM
                stopwaitsecs=\(program.stopWaitSeconds)
                stopasgroup=true
                killasgroup=true
                redirect_stderr=true
                stdout_logfile=\(logFile)
                stdout_logfile_maxbytes=10MB
                stdout_logfile_backups=2

                """
        }

        /// Drops root for the bot (util-linux, in every Debian image): after `env` has set the
        /// environment and supervisord has put the process in its directory and process group,
        /// `setpriv` sets uid and gid, clears supplementary groups and execs argv (same pid, so
        /// supervisord still supervises the bot itself).
        static let setprivPath = "/usr/bin/setpriv"

        static func command(_ program: BotProgram) -> String {
            var words = [envPath, fingerprintVariable + "=" + program.fingerprint]
            words += program.env.keys.sorted().map { ConfigQuoting.word($0 + "=" + (program.env[$0] ?? "")) }
            if let uid = program.uid {
                words += [setprivPath, "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--"]
            }
            words += program.argv.map(ConfigQuoting.word)
            return words.joined(separator: " ")
        }

        private static func validate(_ program: BotProgram) throws(Supervisor.Error) {
            func refuse(_ reason: String) -> Supervisor.Error { .invalidProgram(name: program.name, reason: reason) }
            guard ConfigQuoting.isPlain(program.name), !program.name.hasPrefix(".") else {
                throw refuse("name must be letters, digits, '.', '_' and '-'")
            }
            guard ConfigQuoting.isPlain(program.directory), program.directory.hasPrefix("/") else {
                throw refuse("directory \"\(program.directory)\" must be an absolute path of letters, digits, '/', '.', '_' and '-'")
            }
            guard let first = program.argv.first, !first.isEmpty else { throw refuse("command is empty") }
            guard !first.contains("=") else { throw refuse("command name \"\(first)\" contains '='") }
            guard program.stopWaitSeconds >= 0 else { throw refuse("stopWaitSeconds is negative") }
            if let uid = program.uid, !(1...Int(Int32.max)).contains(uid) { throw refuse("uid \(uid) is not a non-root uid") }
            for (index, argument) in program.argv.enumerated() {
                if let problem = ConfigQuoting.unwritable(argument) { throw refuse("argument \(index) \(problem)") }
            }
            for (name, value) in program.env {
                guard !name.isEmpty, !name.contains("="), name != fingerprintVariable else {
                    throw refuse("env name \"\(name)\" is empty, contains '=' or is reserved")
                }
                if let problem = ConfigQuoting.unwritable(name + value) { throw refuse("env \(name) \(problem)") }
            }
        }
    }
}
