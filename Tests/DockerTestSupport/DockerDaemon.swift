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
        guard let executable = commandLine.first else { throw Failure(description: "dockerd \(pid) has no command line") }
        kill(pid, SIGTERM)
        guard try await wait(seconds: 60, until: { kill(pid, 0) != 0 }) else {
            throw Failure(description: "dockerd \(pid) did not stop within 60 s")
        }
        try FileManager.default.createDirectory(atPath: (log as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let quoted = commandLine.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let start = try Command.run("/bin/sh", ["-c", "setsid nohup \(quoted) >>\(log) 2>&1 </dev/null & echo $!"])
        guard let newPid = Int32(start.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "could not start \(executable): \(start.stderr)")
        }
        if let recorded = try? String(contentsOfFile: setupPidfile, encoding: .utf8),
           Int32(recorded.trimmingCharacters(in: .whitespacesAndNewlines)) == pid {
            try "\(newPid)\n".write(toFile: setupPidfile, atomically: true, encoding: .utf8)
        }
        guard try await wait(seconds: 60, until: { answers() }) else {
            throw Failure(description: "dockerd did not answer within 60 s of its restart; see \(log)")
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
