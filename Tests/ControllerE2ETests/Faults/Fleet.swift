import DockerTestSupport
import Foundation
import Testing

/// The world every fault test starts from: 20 bots of two tenants (`a0`…`a9` of alpha,
/// `b0`…`b9` of beta) in six dedicated pools of four slots, run by a real `botpool run` daemon
/// with its default settings; and the checks each fault ends with.
struct Fleet {
    static let bots: [(name: String, tenant: String)] =
        (0..<10).map { ("a\($0)", "alpha") } + (0..<10).map { ("b\($0)", "beta") }

    let fixture: Fixture
    let daemon: Daemon
    /// Bot → port, as placed by the first pass; a fault must never move a bot.
    let ports: [String: Int]

    /// What the world looked like at one moment: bot processes and pool containers.
    struct Snapshot {
        /// Bot → its running process as `<container id>/<pid>@<start>`: pids repeat across
        /// containers (each has its own pid namespace), so the container and start time count.
        var processes: [String: String]
        /// Pool name → container id.
        var containers: [String: String]
    }

    static func with(class poolClass: String, basePort: Int, daemonArguments: [String] = [],
                     prepareState: (Fixture) throws -> Void = { _ in },
                     _ body: (Fleet) async throws -> Void) async throws {
        try await Fixture.with(class: poolClass, basePort: basePort, maxBots: 4) { fixture in
            try fixture.write("class.yaml", Manifests.poolClass(poolClass, basePort: basePort, maxBots: 4, maxPools: 8))
            try prepareState(fixture)
            for bot in bots { try fixture.writeBot(bot.name, tenant: bot.tenant, health: false) }
            let ports = Fixture.placements(try fixture.diffJSON().plan)
            #expect(ports.count == bots.count, "placements: \(ports)")
            let daemon = try Daemon(fixture, extra: daemonArguments)
            let fleet = Fleet(fixture: fixture, daemon: daemon, ports: ports)
            try await fleet.waitUntilAllAnswer()
            // A bot answers before supervisord calls it RUNNING (startsecs): a fault test's
            // first snapshot must see every bot's process, or a bot counts as restarted later.
            _ = try await fleet.everyBotRunning("the fleet")
            for bot in bots {
                try "data of \(bot.name)".write(toFile: fleet.marker(bot.name, bot.tenant), atomically: true, encoding: .utf8)
            }
            let pools = try fixture.pools()
            #expect(pools.count == 6, "pools: \(pools)")
            try await body(fleet)
            if daemon.process.isRunning {
                #expect(try await daemon.terminate() == 0, "daemon log:\n\(daemon.logTail)")
            }
        }
    }

    func marker(_ bot: String, _ tenant: String) -> String {
        fixture.dataDir(bot, tenant: tenant) + "/marker.txt"
    }

    func tenant(of bot: String) -> String {
        Self.bots.first { $0.name == bot }?.tenant ?? "alpha"
    }

    /// Rewrites a bot's manifest with another GREETING (a spec change: the bot is restarted).
    func edit(_ bot: String, greeting: String) throws {
        let tenant = tenant(of: bot)
        try fixture.writeBot(bot, tenant: tenant, greeting: greeting, health: false)
    }

    func waitForGreeting(_ bot: String, _ greeting: String) async throws {
        let port = try #require(ports[bot])
        try await Poll.until("\(bot) to answer with greeting \(greeting)", seconds: 60) {
            try Fixture.get(port: port) == "ok \(bot) \(greeting)\n" ? true : nil
        }
    }

    func waitUntilAllAnswer(seconds: Double = 60) async throws {
        for bot in Self.bots {
            let port = try #require(ports[bot.name])
            try await Fixture.waitForAnswer(bot.name, port: port, seconds: seconds)
        }
    }

    func snapshot() async throws -> Snapshot {
        let containers = try containers()
        var processes: [String: String] = [:]
        for (bot, entries) in try await fixture.programs() {
            #expect(entries.count == 1, "bot \(bot) is in \(entries.count) pools: \(entries.map(\.pool))")
            guard let entry = entries.first, entry.info.state == .running else { continue }
            processes[bot] = "\(containers[entry.pool] ?? "?")/\(entry.info.pid)@\(entry.info.start)"
        }
        return Snapshot(processes: processes, containers: containers)
    }

    /// A snapshot once supervisord reports every bot of the fleet RUNNING.
    func everyBotRunning(_ what: String) async throws -> Snapshot {
        try await Poll.until("\(what): every bot running", seconds: 60) { () -> Snapshot? in
            let now = try await snapshot()
            return now.processes.count == Self.bots.count ? now : nil
        }
    }

    /// Pool name → container id of every pool container of this fleet, running or not.
    func containers() throws -> [String: String] {
        let list = try Command.run("docker", ["ps", "-a", "--filter", "name=\(fixture.poolPrefix)",
                                              "--format", "{{.Names}} {{.ID}}"])
        var ids: [String: String] = [:]
        for line in list.stdout.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count == 2 else { continue }
            #expect(ids[String(words[0])] == nil, "two containers named \(words[0])")
            ids[String(words[0])] = String(words[1])
        }
        return ids
    }

    /// The pool a bot runs in now.
    func pool(of bot: String) async throws -> String {
        try #require(try await fixture.programs()[bot]?.first?.pool, "\(bot) runs in no pool")
    }

    func bots(in pool: String) async throws -> Set<String> {
        Set(try await fixture.programs().filter { $0.value.contains { $0.pool == pool } }.keys)
    }

    /// After a fault: every bot answers again on its own port with its data; the same pools
    /// exist (`replaced` may have new containers, no other may); the bots in `hit` run as new
    /// processes and every other bot as the same process as before.
    func expectHealed(after fault: String, from before: Snapshot, hit: Set<String>, replaced: Set<String> = [],
                      sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await waitUntilAllAnswer()
        let after = try await everyBotRunning(fault)
        for bot in Self.bots {
            if hit.contains(bot.name) {
                #expect(after.processes[bot.name] != before.processes[bot.name], "\(fault): \(bot.name) was not restarted",
                        sourceLocation: sourceLocation)
            } else {
                #expect(after.processes[bot.name] == before.processes[bot.name], "\(fault): \(bot.name) was restarted but not hit",
                        sourceLocation: sourceLocation)
            }
            let data = try? String(contentsOfFile: marker(bot.name, bot.tenant), encoding: .utf8)
            #expect(data == "data of \(bot.name)", "\(fault): \(bot.name) lost its data", sourceLocation: sourceLocation)
        }
        #expect(Set(after.containers.keys) == Set(before.containers.keys),
                "\(fault): pools \(before.containers.keys.sorted()) became \(after.containers.keys.sorted())",
                sourceLocation: sourceLocation)
        for (pool, id) in before.containers where !replaced.contains(pool) {
            #expect(after.containers[pool] == id, "\(fault): pool \(pool) got a new container", sourceLocation: sourceLocation)
        }
        try await Poll.until("\(fault): diff to plan nothing", seconds: 30) { try fixture.diff().status == 0 ? true : nil }
    }
}

extension Daemon {
    /// The last 60 lines of the log, for failure messages.
    var logTail: String {
        logText.split(separator: "\n").suffix(60).joined(separator: "\n")
    }
}
