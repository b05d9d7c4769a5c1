import DockerTestSupport
import Foundation

/// A pool container whose zygote preloads the ballast test package (images/testdata, mounted
/// and put on the zygote's PYTHONPATH), with a host directory mounted at /bots.
struct ForkPool {
    let container: PoolContainer
    /// The host directory mounted at /bots; each bot's working directory is `/bots/<name>`.
    let botsDir: URL

    static let ballastInContainer = "/opt/botpool-testdata/ballast"
    static var ballastOnHost: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("images/testdata/ballast").path
    }

    /// The zygote as these tests run it: the image's python3, ballast on its path, and a
    /// variable of its own that no bot may inherit.
    static func zygote(preload: [String] = ["ballast", "ballast.serve"], autorestart: Bool = true) -> String {
        ForkPrograms.zygoteSection(
            python: "/usr/bin/python3", preload: preload,
            settings: ["environment": "PYTHONPATH=\"\(ballastInContainer)\",ZYGOTE_ONLY=\"zygote\"",
                       "autorestart": "\(autorestart)"]
        )
    }

    /// A ballast bot on `port`; `argv` defaults to the console script.
    static func bot(
        _ name: String, port: Int, argv: [String] = ["ballast-serve"], env: [String: String] = [:],
        autostart: Bool = true, autorestart: Bool = false, startsecs: Int = 1, startretries: Int = 0,
        launcherWait: Int? = nil
    ) -> String {
        ForkPrograms.botSection(
            name: name, argv: argv, env: env.merging(["BOTPOOL_PORT": "\(port)"]) { mine, _ in mine },
            directory: "/bots/\(name)",
            settings: ["autostart": "\(autostart)", "autorestart": "\(autorestart)", "startsecs": "\(startsecs)",
                       "startretries": "\(startretries)"],
            launcherWait: launcherWait
        )
    }

    /// `botFiles` maps a bot to the files written into its data dir before the container starts.
    static func with(
        suite: String, image: String = DockerEnvironment.poolImage, programs: [String: String],
        botFiles: [String: [String: String]] = [:], _ body: (ForkPool) async throws -> Void
    ) async throws {
        let files = FileManager.default
        let bots = files.temporaryDirectory.appendingPathComponent("botpool-bots-\(UUID().uuidString)")
        for name in programs.keys where name != ForkPrograms.zygote {
            let dir = bots.appendingPathComponent(name)
            try files.createDirectory(at: dir, withIntermediateDirectories: true)
            for (file, text) in botFiles[name] ?? [:] {
                try text.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
            }
        }
        defer { try? files.removeItem(at: bots) }
        try await PoolContainer.with(
            suite: suite, image: image, programs: programs,
            mounts: ["\(bots.path):/bots", "\(ballastOnHost):\(ballastInContainer):ro"]
        ) { container in
            do {
                try await body(ForkPool(container: container, botsDir: bots))
            } catch {
                // What a failing test needs to be understood from CI output alone.
                print("supervisord.log:\n\(container.supervisordLog())\nzygote log:\n\(container.log(ForkPrograms.zygote))")
                throw error
            }
        }
    }

    /// The serving zygote's pid, from the status file it writes once it listens.
    func zygotePid() throws -> Int? {
        let file = container.supervisorDir.appendingPathComponent("zygote.json")
        guard let data = try? Data(contentsOf: file),
              let status = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return status["pid"] as? Int
    }

    /// Waits until supervisord calls every program RUNNING: a launcher that exits before its
    /// startsecs counts as a failed start (FATAL with startretries=0), however it ended.
    func waitUntilRunning(_ programs: [String], seconds: Double = 30) async throws {
        _ = try await poll(seconds: seconds) {
            try programs.allSatisfy { try container.info($0).state == "RUNNING" } ? true : nil
        }
    }

    func healthy(port: Int) throws -> Bool {
        try get(port: port, path: "/healthz") == "ok\n"
    }

    /// The body of a GET inside the container, or nil when it fails.
    func get(port: Int, path: String) throws -> String? {
        let result = try container.exec(["curl", "-fsS", "--max-time", "2", "http://127.0.0.1:\(port)\(path)"])
        return result.status == 0 ? result.stdout : nil
    }

    /// The last `BALLAST {json}` line the bot printed: argv, env, cwd, pid.
    func report(_ bot: String) -> [String: Any]? {
        guard let line = container.log(bot).split(separator: "\n").last(where: { $0.hasPrefix("BALLAST ") }),
              let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(8).utf8))
        else { return nil }
        return object as? [String: Any]
    }

    func botPid(_ bot: String) -> Int? { report(bot)?["pid"] as? Int }

    /// Live (not zombie) processes of the container by pid, with their command line.
    func liveProcesses() throws -> [Int: String] {
        let ps = try container.exec(["ps", "-eo", "pid=,stat=,args="])
        var live: [Int: String] = [:]
        for line in ps.stdout.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            if fields.count == 3, let pid = Int(fields[0]), !fields[1].hasPrefix("Z") { live[pid] = String(fields[2]) }
        }
        return live
    }

    /// Summed proportional set size of every process in the container, in kB.
    func summedPSS() throws -> Int {
        let script = "cat /proc/[0-9]*/smaps_rollup 2>/dev/null | awk '/^Pss:/ { total += $2 } END { print total }'"
        let result = try container.exec(["sh", "-c", script])
        guard let total = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw EnvironmentError.command("summing PSS: \(result.stdout) \(result.stderr)")
        }
        return total
    }
}
