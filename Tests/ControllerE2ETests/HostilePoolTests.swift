import BotpoolClients
import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Attacks from inside a real pool (`docker exec` as the pool's root, which is what a bot
    /// runs as) against the root controller and other tenants. Each must fail while the other
    /// bots keep answering and the controller keeps passing (issue 12, items 1, 2 and 4).
    @Suite struct HostilePool {
        /// Item 1: a forged program file in `conf.d` (here, one that would run as a bot of
        /// another tenant) cannot be written: the config dir is read-only in the pool.
        @Test func thePoolCannotWriteItsSupervisorConfig() async throws {
            try await Fixture.with(class: "e2ehost1", basePort: 21320) { fixture in
                try fixture.writeBot("held")
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                try await Fixture.waitForAnswer("held", port: try #require(ports["held"]))
                let pool = try #require(try fixture.pools().first)
                for target in ["/botpool/supervisor/conf.d/evil.conf", "/botpool/supervisor/supervisord.conf"] {
                    let write = try Command.run("docker", ["exec", pool, "sh", "-c", "echo '[program:evil]' >> \(target)"])
                    #expect(write.status != 0, "\(target) was writable in the pool")
                    #expect(write.stderr.contains("Read-only file system"), "\(write.stderr)")
                }
                let replace = try Command.run("docker", ["exec", pool, "sh", "-c", "rm -rf /botpool/supervisor/conf.d"])
                #expect(replace.status != 0)
                try fixture.converge()
                #expect(try Fixture.get(port: try #require(ports["held"])) != nil)
            }
        }

        /// Item 2: links planted where the controller writes. First the bot, as its own uid,
        /// plants links inside its data dir (`server.py` and `sub` aiming at a host file and
        /// directory): the update that rewrites `server.py` replaces the link instead of writing
        /// through it. Then root in the pool swaps the whole data dir for a link to the host
        /// directory: the next update fails naming the link, and writes nothing. The removal of
        /// the bot (Delete) removes the link, not what it names. The neighbour keeps answering.
        @Test func linksInADataDirAreNotWrittenThroughNorDeletedThrough() async throws {
            try await Fixture.with(class: "e2ehost2", basePort: 21340) { fixture in
                try fixture.writeBot("victim", extra: "  deletionPolicy: Delete")
                try fixture.writeBot("neighbour")
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                try await Fixture.waitForAnswer("neighbour", port: try #require(ports["neighbour"]))
                try await Fixture.waitForAnswer("victim", port: try #require(ports["victim"]))
                let pool = try #require(try fixture.pools().first)
                let victim = "\(100_000 + (try #require(ports["victim"])))"
                // Host files outside every pool that the links aim at.
                let canary = fixture.root.appendingPathComponent("canary").path
                try FileManager.default.createDirectory(atPath: canary, withIntermediateDirectories: true)
                try "keep\n".write(toFile: canary + "/precious", atomically: true, encoding: .utf8)
                let plant = try Command.run("docker", ["exec", "-u", "\(victim):\(victim)", pool, "sh", "-c",
                                                        "cd /bots/victim && ln -sf \(canary)/precious server.py && ln -s \(canary) sub"])
                #expect(plant.status == 0, "\(plant.stderr)")
                try fixture.writeBot("victim", greeting: "changed", extra: "  deletionPolicy: Delete")
                try fixture.converge()
                #expect(try String(contentsOfFile: canary + "/precious", encoding: .utf8) == "keep\n", "written through the link")
                try await Fixture.waitForAnswer("victim", port: try #require(ports["victim"]))

                let swap = try Command.run("docker", ["exec", pool, "sh", "-c", "mv /bots/victim /bots/old && ln -s \(canary) /bots/victim"])
                #expect(swap.status == 0, "\(swap.stderr)")
                try fixture.writeBot("victim", greeting: "again", extra: "  deletionPolicy: Delete")
                let pass = try fixture.runOnce()
                #expect((pass.stdout + pass.stderr).contains("a symlink or not a directory"), "\(pass.stdout)\(pass.stderr)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: canary) == ["precious"], "written through the link")
                #expect(try Fixture.get(port: try #require(ports["neighbour"])) != nil)

                try fixture.remove("alpha-victim.yaml")
                try fixture.converge()
                #expect(try FileManager.default.contentsOfDirectory(atPath: canary) == ["precious"], "the removal followed a link")
                #expect(try String(contentsOfFile: canary + "/precious", encoding: .utf8) == "keep\n")
                #expect(!FileManager.default.fileExists(atPath: fixture.dataDir("victim")), "the link should be gone")
                #expect(try Fixture.get(port: try #require(ports["neighbour"])) != nil)
            }
        }

        /// The pool points its supervisord socket at another pool's socket: the controller does
        /// not connect through the link, and the other pool's bots are untouched.
        @Test func aSocketSwappedForALinkIsNotFollowed() async throws {
            try await Fixture.with(class: "e2ehost3", basePort: 21360) { fixture in
                let (ports, alpha, beta) = try await Self.twoTenants(fixture)
                let betaPid = try await fixture.pids()["b1"]
                let betaSocket = fixture.state + "/pools/\(beta)/run/supervisor.sock"
                let swap = try Command.run("docker", ["exec", alpha, "sh", "-c",
                                                       "rm -f /botpool/run/supervisor.sock && ln -s \(betaSocket) /botpool/run/supervisor.sock"])
                #expect(swap.status == 0, "\(swap.stderr)")
                let pass = try fixture.runOnce()
                #expect((pass.stdout + pass.stderr).contains("not a unix socket"), "\(pass.stdout)\(pass.stderr)")
                // alpha's pool is replaced (its supervisord is unreachable); beta's bot keeps its process.
                try fixture.converge()
                try await Fixture.waitForAnswer("a1", port: try #require(ports["a1"]), seconds: 30)
                #expect(try await fixture.pids()["b1"] == betaPid)
            }
        }

        /// Item 8: two bots in one pool, each as its own uid. Run as one of them (docker exec
        /// as its uid), nothing of the other is reachable: not its environment, not its process,
        /// not its data, not its program file, not supervisord's socket.
        @Test func aBotCannotReachItsNeighbourInThePool() async throws {
            try await Fixture.with(class: "e2ehost5", basePort: 21400) { fixture in
                try fixture.writeBot("a1")
                try fixture.writeBot("a2", greeting: "neighbours-secret")
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                try await Fixture.waitForAnswer("a1", port: try #require(ports["a1"]))
                try await Fixture.waitForAnswer("a2", port: try #require(ports["a2"]))
                let pool = try #require(try fixture.pools().first)
                let neighbour = try #require(try await fixture.pids()["a2"])
                let attacker = String(100_000 + (try #require(ports["a1"])))
                let attempts = [
                    "cat /proc/\(neighbour)/environ",
                    "kill -STOP \(neighbour)",
                    "ls /bots/a2",
                    "cat /bots/a2/server.py",
                    "cat /botpool/supervisor/conf.d/a2.conf",
                    "cat /botpool/supervisor/supervisord.conf",
                    "ls /botpool/run",
                    "python3 -c \"import socket; s = socket.socket(socket.AF_UNIX); s.connect('/botpool/run/supervisor.sock')\"",
                ]
                for attempt in attempts {
                    let result = try Command.run("docker", ["exec", "-u", "\(attacker):\(attacker)", pool, "sh", "-c", attempt])
                    #expect(result.status != 0, "as a1: `\(attempt)` succeeded: \(result.stdout.prefix(200))")
                    #expect(!result.stdout.contains("neighbours-secret"))
                }
                // Its own data it still has.
                let own = try Command.run("docker", ["exec", "-u", "\(attacker):\(attacker)", pool, "sh", "-c", "ls /bots/a1 && touch /bots/a1/mine"])
                #expect(own.status == 0, "\(own.stderr)")
                #expect(try Fixture.get(port: try #require(ports["a2"])) != nil)
            }
        }

        /// Item 5: root in tenant alpha's pool puts its own server on supervisord's socket path,
        /// answering every call with XML nested 200,000 deep (which once segfaulted the
        /// controller). The pass survives: alpha's pool is read as unreachable and replaced, and
        /// tenant beta's bot keeps its process throughout.
        @Test func aFakeSupervisordCannotCrashTheController() async throws {
            try await Fixture.with(class: "e2ehost6", basePort: 21420) { fixture in
                let (ports, alpha, _) = try await Self.twoTenants(fixture)
                let betaPid = try await fixture.pids()["b1"]
                let fake = """
                    import os, socket
                    body = b"<?xml version='1.0'?><methodResponse><params><param><value>" + b"<array><data><value>" * 200000
                    path = "/botpool/run/supervisor.sock"
                    os.unlink(path)
                    server = socket.socket(socket.AF_UNIX)
                    server.bind(path)
                    server.listen(16)
                    while True:
                        connection, _ = server.accept()
                        connection.recv(65536)
                        connection.sendall(b"HTTP/1.0 200 OK\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(body) + body)
                        connection.close()
                    """
                let start = try Command.run("docker", ["exec", "-d", alpha, "python3", "-c", fake])
                #expect(start.status == 0, "\(start.stderr)")
                try await Poll.until("the fake supervisord to listen", seconds: 20) {
                    let probe = try Command.run("docker", ["exec", alpha, "sh", "-c", "ps -eo args | grep -c '[c]onnection.recv'"])
                    return probe.stdout.hasPrefix("1") ? true : nil
                }
                let pass = try fixture.runOnce()
                #expect(pass.status == 0 || pass.status == 1, "run --once died: status \(pass.status)\n\(pass.stderr.suffix(2000))")
                #expect((pass.stdout + pass.stderr).contains("nested deeper than"), "\(pass.stdout.suffix(2000))\(pass.stderr.suffix(2000))")
                try fixture.converge()
                try await Fixture.waitForAnswer("a1", port: try #require(ports["a1"]), seconds: 30)
                #expect(try await fixture.pids()["b1"] == betaPid)
            }
        }

        /// Item 3: a shared pool mounts one bind per slot, so it sees the data dirs of the bots
        /// placed in it and nothing else of `tenants/`. Root in the pool keeps SETUID and can
        /// become any bot's uid: as every uid in play it still finds no file of a bot outside
        /// the pool (a dedicated tenant's, or a shared bot's that was removed from it). A
        /// shared pool that is lost comes back with each bot's data on its slot.
        @Test func aSharedPoolSeesOnlyTheDataDirsOfItsOwnBots() async throws {
            let shared = "e2ehost7s"
            try await Fixture.with(class: "e2ehost7", basePort: 21440) { fixture in
                defer { try? DockerEnvironment.removePools(prefix: "botpool-\(shared)-") }
                try DockerEnvironment.removePools(prefix: "botpool-\(shared)-")
                try fixture.write("shared-class.yaml", Manifests.poolClass(shared, basePort: 21600)
                    .replacingOccurrences(of: "tenancy: dedicated", with: "tenancy: shared"))
                try fixture.writeBot("ded", tenant: "alpha")
                try fixture.write("beta-sh.yaml", Manifests.bot("sh", tenant: "beta", poolClass: shared))
                try fixture.write("gamma-gone.yaml", Manifests.bot("gone", tenant: "gamma", poolClass: shared))
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                for bot in ["ded", "sh", "gone"] { try await Fixture.waitForAnswer(bot, port: try #require(ports[bot])) }
                let pool = try #require(try DockerEnvironment.pools(prefix: "botpool-\(shared)-").first)
                let uids = try ["ded", "sh", "gone"].map { 100_000 + (try #require(ports[$0])) }
                // A secret in each bot's data dir, readable by that bot's uid only.
                for (bot, tenant) in [("ded", "alpha"), ("sh", "beta"), ("gone", "gamma")] {
                    try fixture.plantSecret("secret-of-\(bot)", in: fixture.dataDir(bot, tenant: tenant), uid: 100_000 + (try #require(ports[bot])))
                }
                func found(_ secret: String) throws -> [Int] {
                    try uids.filter { uid in
                        try Self.grep(secret, in: pool, asUID: uid)
                    }
                }
                #expect(try found("secret-of-sh") == [100_000 + (try #require(ports["sh"]))], "the search itself must work")
                #expect(try found("secret-of-gone") == [100_000 + (try #require(ports["gone"]))])
                #expect(try found("secret-of-ded").isEmpty, "a dedicated tenant's data is in the shared pool")
                let tenants = try Command.run("docker", ["exec", pool, "ls", "/tenants"])
                #expect(tenants.status != 0, "the shared pool sees tenants/: \(tenants.stdout)")
                let slotsWrite = try Command.run("docker", ["exec", pool, "sh", "-c", "mv /slots/0 /slots/x || ln -s / /slots/y"])
                #expect(slotsWrite.status != 0, "the pool changed its slots dir")

                // A bot removed from the pool: its data stays on the host and leaves the pool.
                try fixture.remove("gamma-gone.yaml")
                try fixture.converge()
                #expect(try found("secret-of-gone").isEmpty, "a removed bot's data is still in the shared pool")
                #expect(FileManager.default.fileExists(atPath: fixture.dataDir("gone", tenant: "gamma") + "/secret.txt"))
                let goneSlot = try #require(ports["gone"]) - 21600
                let slotPath = fixture.state + "/pools/\(pool)/slots/\(goneSlot)"
                #expect(try Command.run("mountpoint", ["-q", slotPath]).status != 0, "\(slotPath) is still a mount point")

                // The pool lost, and the host's binds with it (a reboot): it comes back with sh's
                // data on sh's slot.
                _ = try Command.run("docker", ["rm", "-f", pool])
                DockerEnvironment.unmountAll(under: fixture.state + "/pools/\(pool)")
                #expect(try Command.run("mountpoint", ["-q", fixture.state + "/pools/\(pool)/slots/0"]).status != 0)
                try fixture.converge()
                try await Fixture.waitForAnswer("sh", port: try #require(ports["sh"]))
                #expect(try found("secret-of-sh") == [100_000 + (try #require(ports["sh"]))])
                #expect(try found("secret-of-ded").isEmpty)
                #expect(try Fixture.get(port: try #require(ports["ded"])) != nil)
                // Bound before the new container started, the slot is still the bot's to write.
                let shPort = try #require(ports["sh"])
                let write = try Command.run("docker", ["exec", "-u", "\(100_000 + shPort):\(100_000 + shPort)", pool, "sh", "-c",
                                                       "echo kept > /slots/\(shPort - 21600)/written.txt"])
                #expect(write.status == 0, "\(write.stderr)")
                #expect(try String(contentsOfFile: fixture.dataDir("sh", tenant: "beta") + "/written.txt", encoding: .utf8) == "kept\n")
            }
        }

        /// True when a process of `uid` in the pool (root's setuid, as a compromised supervisord
        /// could) finds `secret` in any file it can read. The image's own trees (read-only, from
        /// the image) and the kernel's are skipped; everything mounted from the host is searched,
        /// and the paths a reader of botpool's layout would try (passages cannot be listed).
        private static func grep(_ secret: String, in pool: String, asUID uid: Int) throws -> Bool {
            let skipped = ["proc", "sys", "dev", "usr"].map { "--exclude-dir=\($0)" }
            let guesses = (0..<10).map { "/slots/\($0)" } + ["/tenants/alpha/bots/ded", "/bots/ded", "/tenants/gamma/bots/gone"]
            let search = try Command.run("docker", ["exec", pool, "setpriv", "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups",
                                                    "grep", "-rqsF"] + skipped + [secret, "/"] + guesses)
            // -q: 0 as soon as it is found, even where other files could not be read.
            return search.status == 0
        }

        /// Item 4: pools sit on the state dir's pool network with inter-container traffic off:
        /// tenant alpha's pool cannot reach tenant beta's bot by container IP, although that bot
        /// listens on it (the host reaches it) and the controller still probes both.
        @Test func onePoolCannotReachAnotherByContainerIP() async throws {
            try await Fixture.with(class: "e2ehost4", basePort: 21380) { fixture in
                let (ports, alpha, beta) = try await Self.twoTenants(fixture)
                let betaPort = try #require(ports["b1"])
                let format = "{{range $name, $net := .NetworkSettings.Networks}}{{$name}} {{$net.IPAddress}}{{end}}"
                let network = try Command.run("docker", ["inspect", "-f", format, beta]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").map(String.init)
                #expect(network.count == 2 && network[0].hasPrefix("botpool-pools-"), "\(network)")
                let betaIP = try #require(network.last)
                let fromHost = try Command.run("curl", ["-fsS", "--max-time", "3", "http://\(betaIP):\(betaPort)/healthz"])
                #expect(fromHost.status == 0, "the bot does not listen on its container IP: \(fromHost.stderr)")
                let probe = "import socket; socket.create_connection(('\(betaIP)', \(betaPort)), 3); print('connected')"
                let fromAlpha = try Command.run("docker", ["exec", alpha, "python3", "-c", probe])
                #expect(fromAlpha.status != 0 && !fromAlpha.stdout.contains("connected"), "alpha's pool reached beta's bot")
                let status = try fixture.runOnce()
                #expect(status.status == 0)
            }
        }

        /// Bots a1 of tenant alpha and b1 of tenant beta, converged and answering: their ports
        /// and their tenants' pools.
        private static func twoTenants(_ fixture: Fixture) async throws -> (ports: [String: Int], alpha: String, beta: String) {
            try fixture.writeBot("a1", tenant: "alpha")
            try fixture.writeBot("b1", tenant: "beta")
            let ports = Fixture.placements(try fixture.diffJSON().plan)
            try fixture.converge()
            try await Fixture.waitForAnswer("a1", port: try #require(ports["a1"]))
            try await Fixture.waitForAnswer("b1", port: try #require(ports["b1"]))
            let pools = try fixture.pools()
            return (ports, try #require(pools.first { $0.contains(".alpha-") }), try #require(pools.first { $0.contains(".beta-") }))
        }
    }
}
