import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Scenario 9: `diff` exit codes and the daemon's status server.
    @Suite struct DiffAndStatus {
        @Test func diffExitsZeroOneOrTwo() async throws {
            try await Fixture.with(class: "e2e10", basePort: 19450) { fixture in
                try fixture.writeBot("solo")
                let changes = try fixture.diff()
                #expect(changes.status == 1, "diff before the first pass:\n\(changes.stdout)\(changes.stderr)")
                #expect(changes.stdout.contains("solo"))
                try fixture.converge()
                let none = try fixture.diff()
                #expect(none.status == 0, "diff after converging:\n\(none.stdout)\(none.stderr)")
                let noDocker = try fixture.diff(["--docker-host", "unix:///nonexistent.sock"])
                #expect(noDocker.status == 2, "diff without Docker:\n\(noDocker.stdout)\(noDocker.stderr)")
                let noManifests = try Command.run(fixture.botpool, ["diff", "--manifests", fixture.root.path + "/missing",
                                                                    "--state-dir", fixture.state])
                #expect(noManifests.status == 2, "diff of a missing dir:\n\(noManifests.stdout)\(noManifests.stderr)")
            }
        }

        @Test func statusServerNeedsTheTokenAndSIGTERMLeavesBotsRunning() async throws {
            try await Fixture.with(class: "e2e11", basePort: 19480, maxBots: 4) { fixture in
                for name in ["red", "green"] { try fixture.writeBot(name, tenant: "gamma") }
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                let daemon = try Daemon(fixture)
                try await Poll.until("/healthz", seconds: 20) { try daemon.get("/healthz", authorized: false).status == 200 ? true : nil }
                try await Poll.until("/readyz", seconds: 30) { try daemon.get("/readyz").status == 200 ? true : nil }
                #expect(try daemon.get("/api/v1/status", authorized: false).status == 401)
                #expect(try daemon.get("/metrics", authorized: false).status == 401)
                #expect(try daemon.get("/api/v1/status").status == 200)
                // Status is built from the pass's observation, taken before it placed the bots: the
                // next pass (a probe change, or the resync) shows them in their pools.
                let bots = try await Poll.until("status to show both bots placed", seconds: 40) {
                    let bots = try daemon.bots()
                    return bots.count == 2 && bots.values.allSatisfy { $0["pool"] != nil } ? bots : nil
                }
                #expect(Set(bots.keys) == ["red", "green"], "status bots: \(bots)")
                for (name, bot) in bots {
                    #expect(bot["tenant"] as? String == "gamma")
                    #expect((bot["pool"] as? String)?.hasPrefix(fixture.poolPrefix) == true)
                    #expect(bot["port"] as? Int == ports[name])
                    #expect(bot["phase"] is String)
                }
                #expect(try daemon.get("/metrics").body.contains("botpool_pools"))

                // `botpool reconcile`: a pass now, and what it did. A third bot written just before
                // it is placed by that very pass (it starts after the request).
                try fixture.writeBot("blue", tenant: "gamma")
                let reconcile = try Command.run(fixture.botpool, ["reconcile", "--server", "http://127.0.0.1:\(daemon.port)",
                                                                  "--token-file", daemon.tokenFile])
                #expect(reconcile.status == 0, "\(reconcile.stdout)\(reconcile.stderr)")
                // (Its reason may be the watcher's "manifests changed": requests collapse into one pass.)
                #expect(reconcile.stdout.hasPrefix("pass ") && reconcile.stdout.contains(") finished in")
                        && reconcile.stdout.contains(" 0 failed"), "\(reconcile.stdout)")
                #expect(try await fixture.programs()["blue"] != nil, "the requested pass did not place the new bot")
                let requested = try daemon.status()["reconcile"] as? [String: Any]
                #expect(requested?["requestedAt"] is String && (requested?["pass"] as? [String: Any])?["number"] is Int,
                        "\(requested ?? [:])")
                let unauthorized = try Command.run(fixture.botpool, ["reconcile", "--server", "http://127.0.0.1:\(daemon.port)"])
                #expect(unauthorized.status == 1 && unauthorized.stderr.contains("401"), "\(unauthorized.stderr)")

                let pids = try await fixture.pids()
                #expect(try await daemon.terminate() == 0, "daemon log:\n\(daemon.logText)")
                for (bot, port) in ports { try await Fixture.waitForAnswer(bot, port: port, seconds: 5) }
                #expect(try await fixture.pids() == pids)
            }
        }
    }
}
