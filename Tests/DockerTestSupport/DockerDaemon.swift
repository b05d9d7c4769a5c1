import Foundation

/// Restarts the Docker daemon that serves this machine, as it was started: same command line,
/// same log, and the pidfile `scripts/setup` keeps for `.ci/run` pointed at the new process.
/// Every container on it stops (no live-restore), so only a suite that runs alone may call it.
public enum DockerDaemon {
    static let pidfile = "/var/run/docker.pid"
    /// Where `scripts/setup` records a dockerd it started, so `.ci/run` can stop it again.
    static let setupPidfile = "/run/botpool-setup-dockerd.pid"
    static let log = "/var/log/botpool/dockerd.log"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func restart() async throws {
        let pid = try currentPid()
        let commandLine = try String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)
            .split(separator: "\0").map(String.init)
        guard !commandLine.isEmpty, let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")
        else { throw Failure(description: "dockerd \(pid) has no command line or executable") }
        kill(pid, SIGTERM)
        guard try await wait(seconds: 60, until: { kill(pid, 0) != 0 }) else {
            throw Failure(description: "dockerd \(pid) did not stop within 60 s")
        }
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: log).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        let newPid = try spawnDetached(executable: executable, arguments: commandLine)
        if let recorded = try? String(contentsOfFile: setupPidfile, encoding: .utf8),
           Int32(recorded.trimmingCharacters(in: .whitespacesAndNewlines)) == pid {
            try "\(newPid)\n".write(toFile: setupPidfile, atomically: true, encoding: .utf8)
        }
        guard try await wait(seconds: 60, until: { answers() }) else {
            throw Failure(description: "dockerd did not answer within 60 s of its restart; see \(log)")
        }
    }

    /// Starts `executable` with `arguments` (argv[0] first) in a session of its own with stdin /dev/null, stdout and stderr
    /// appended to the log and no other descriptor of this process, and does not wait for it.
    /// (Through `Process` and a shell, the test process never saw the shell exit.)
    static func spawnDetached(executable: String, arguments: [String]) throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, posixSpawnSetsid)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        markEveryDescriptorCloseOnExec()
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard code == 0 else { throw Failure(description: "cannot start \(executable): \(String(cString: strerror(code)))") }
        return pid
    }

    /// glibc's POSIX_SPAWN_SETSID, which Swift does not import (it needs _GNU_SOURCE).
    private static let posixSpawnSetsid: Int16 = 0x80

    /// So that the daemon inherits none of this process's pipes (a pipe it held open would keep
    /// a later `Command.run` reading forever). The suite runs alone, so nothing races this.
    private static func markEveryDescriptorCloseOnExec() {
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 {
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    static func currentPid() throws -> Int32 {
        guard let text = try? String(contentsOfFile: pidfile, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), kill(pid, 0) == 0
        else { throw Failure(description: "no live dockerd in \(pidfile)") }
        return pid
    }

    static func answers() -> Bool {
        let ping = try? Command.run("curl", ["-fsS", "--max-time", "3", "--unix-socket", DockerEnvironment.socket,
                                            "http://docker/_ping"])
        return ping?.status == 0
    }

    private static func wait(seconds: Double, until done: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(Patience.seconds(seconds))
        while Date() < deadline {
            if done() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return done()
    }
}
