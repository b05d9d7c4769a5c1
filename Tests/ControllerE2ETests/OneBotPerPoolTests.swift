import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// `maxBots: 1` (pool off): every bot in its own container, driven by the same CLI as a pool
    /// of many — get, describe, restart, edit, delete, completion — and an emptied container goes.
    @Suite struct OneBotPerPool {
        @Test func threeBotsRunInThreeContainersAndTheCLIWorksTheSame() async throws {
            try await Fixture.with(class: "e2esolo", basePort: 19700, maxBots: 1) { fixture in
                try fixture.write("class.yaml", Manifests.poolClass("e2esolo", basePort: 19700, maxBots: 1, emptyPoolTTL: "0s"))
                for name in ["one", "two", "three"] { try fixture.writeBot(name) }
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                #expect(Set(ports.values) == [19700, 19701, 19702], "one slot per pool: port = basePort + pool index: \(ports)")

                let daemon = try Daemon(fixture)
                let server = ["--server", "http://127.0.0.1:\(daemon.port)", "--token-file", daemon.tokenFile]
                let bots = try await Poll.until("three Running bots", seconds: 60) { () -> [String: [String: Any]]? in
                    let bots = try daemon.bots()
                    return bots.count == 3 && bots.values.allSatisfy({ $0["phase"] as? String == "Running" }) ? bots : nil
                }
                for (bot, port) in ports { try await Fixture.waitForAnswer(bot, port: port) }
                let pools = try fixture.pools()
                #expect(pools.count == 3, "pools: \(pools)")
                #expect(Set(bots.values.compactMap { $0["pool"] as? String }) == Set(pools), "\(bots)")
                for pool in pools {
                    let programs = try await fixture.supervisor(pool).getAllProcessInfo().map(\.group)
                    #expect(programs.count == 1, "\(pool) runs \(programs)")
                }

                // The same commands as with pools of many.
                let listed = try Command.run(fixture.botpool, ["get", "pools"] + server)
                #expect(listed.status == 0 && pools.allSatisfy { listed.stdout.contains($0) }, "\(listed.stdout)\(listed.stderr)")
                let described = try Command.run(fixture.botpool, ["describe", "bot", "two", "--tenant", "alpha"] + server)
                #expect(described.status == 0 && described.stdout.contains("Phase:          Running"), "\(described.stdout)\(described.stderr)")
                let completed = try Command.run(fixture.botpool, ["---completion", "restart", "--", "positional@0", "6", "0",
                                                                 "botpool", "restart"] + server + [""])
                #expect(completed.stdout.split(separator: "\n") == ["alpha/one", "alpha/three", "alpha/two"],
                        "completion from the daemon: \(completed.stdout)\(completed.stderr)")

                let poolNames = try Command.run(fixture.botpool, ["---completion", "describe", "--", "positional@1", "5", "0",
                                                                 "botpool", "describe", "pool", "--state-dir", fixture.state, ""])
                #expect(poolNames.stdout.split(separator: "\n").map(String.init) == pools.sorted(),
                        "completion from the pool labels: \(poolNames.stdout)\(poolNames.stderr)")

                // restart: only that bot, in its own container.
                let before = try await fixture.pids()
                let restarted = try Command.run(fixture.botpool, ["restart", "alpha/two"] + server)
                #expect(restarted.status == 0, "\(restarted.stderr)")
                let afterRestart = try await Poll.until("two to restart", seconds: 30) { () -> [String: Int]? in
                    let pids = try await fixture.pids()
                    return pids["two"] != nil && pids["two"] != before["two"] ? pids : nil
                }
                #expect(afterRestart["one"] == before["one"] && afterRestart["three"] == before["three"])
                try await Fixture.waitForAnswer("two", port: ports["two"] ?? 0)

                // edit: the bot restarts with its new spec on its port; the others stay.
                try fixture.writeBot("one", greeting: "edited")
                let answer = try await Poll.until("one to answer with its new env", seconds: 30) {
                    try Fixture.get(port: ports["one"] ?? 0).flatMap { $0.contains("edited") ? $0 : nil }
                }
                #expect(answer == "ok one edited\n")
                #expect(try await fixture.pids()["three"] == before["three"])

                // delete: the bot goes, and its emptied container with it (emptyPoolTTL: 0s).
                let deleted = try Command.run(fixture.botpool, ["delete", "bot", "three", "--tenant", "alpha"] + fixture.common)
                #expect(deleted.status == 0, "\(deleted.stdout)\(deleted.stderr)")
                let left = try await Poll.until("three's pool to be removed", seconds: 60) { () -> [String]? in
                    let pools = try fixture.pools()
                    return pools.count == 2 ? pools : nil
                }
                #expect(Set(left) == Set(["one", "two"].compactMap { bots[$0]?["pool"] as? String }), "\(left)")
                #expect(try Fixture.get(port: ports["three"] ?? 0) == nil, "three still answers")
                #expect(try await daemon.terminate() == 0, "daemon log:\n\(daemon.logText)")
            }
        }
    }
}
