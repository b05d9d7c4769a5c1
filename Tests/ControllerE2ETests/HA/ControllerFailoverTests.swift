import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Two `botpool run --etcd` on one manifests dir and one state dir: one leads, the other
    /// follows and names it; `kill -9` of the leader while it converges hands over to the
    /// follower, and at no time do two pool containers stand for one class/tenant/index.
    @Suite struct ControllerFailover {
        static let leaseSeconds = 4.0
        static let retrySeconds = 1.0
        /// The bound the test asserts: lease + retry + a generous pass on a loaded machine.
        static let boundSeconds = leaseSeconds + retrySeconds + 60
        static let bots = (0..<4).map { "bot\($0)" }

        @Test func theFollowerTakesOverAKilledLeaderWithNoSlotTwice() async throws {
            try await EtcdServer.with { etcd in
                try await Fixture.with(class: "e2eha", basePort: 24000, maxBots: 2) { fixture in
                    try await failover(etcd: etcd, fixture: fixture, kills: 5)
                }
            }
        }

        private func failover(etcd: EtcdServer, fixture: Fixture, kills: Int) async throws {
            for bot in Self.bots { try fixture.writeBot(bot, greeting: "round0") }
            let flags = ["--etcd", etcd.url, "--election-name", "e2e-\(UUID().uuidString.prefix(8))",
                         "--lease-duration", "4", "--renew-deadline", "3", "--retry-period", "1", "--resync", "5"]
            var started = 0
            func start() async throws -> Daemon {
                started += 1
                let daemon = try Daemon(fixture, extra: flags, logName: "controller\(started).log")
                // Each reads the token file once at start; the next one writes its own.
                try await Poll.until("controller \(started) to serve /healthz", seconds: 30) {
                    try daemon.get("/healthz", authorized: false).status == 200 ? true : nil
                }
                return daemon
            }
            var controllers = [try await start(), try await start()]
            var takeovers: [Double] = []
            var greeting = "round0"
            for round in 0...kills {
                let leader = try await Poll.until("one leader", seconds: Self.boundSeconds) { () -> Int? in
                    let roles = try controllers.map { try $0.status()["role"] as? String }
                    return roles.filter { $0 == "leader" }.count == 1 && roles.contains("follower")
                        ? roles.firstIndex(of: "leader") : nil
                }
                let follower = 1 - leader
                let leaderPID = controllers[leader].process.processIdentifier
                let followerStatus = try controllers[follower].status()
                let named = (followerStatus["leader"] as? [String: Any])?["identity"] as? String ?? ""
                #expect(named.hasSuffix("pid \(leaderPID)"), "follower names \(named), leader is pid \(leaderPID)")
                #expect(try controllers[follower].get("/readyz").status == 503)
                #expect((followerStatus["bots"] as? [Any])?.isEmpty ?? true, "a follower serves no bots")
                guard round < kills else {
                    try await converged(controllers[leader], greeting: greeting)
                    break
                }
                if round > 0 {
                    // Converged, then 4 changed bots: the kill lands among their updates.
                    try await converged(controllers[leader], greeting: greeting)
                    greeting = "round\(round)"
                    for bot in Self.bots { try fixture.writeBot(bot, greeting: greeting) }
                }
                // Kill while converging: once the leader logs an action done (or after 20 s).
                let before = controllers[leader].logText.components(separatedBy: " done").count
                _ = try? await Poll.until("the leader to act", seconds: 20, interval: .milliseconds(50)) {
                    controllers[leader].logText.components(separatedBy: " done").count > before ? true : nil
                }
                kill(leaderPID, SIGKILL)
                let killed = Date()
                try await Poll.until("the follower to lead and converge", seconds: Self.boundSeconds, interval: .milliseconds(250)) {
                    try noSlotTwice(fixture)
                    return try isConverged(controllers[follower], greeting: greeting) ? true : nil
                }
                let seconds = Date().timeIntervalSince(killed)
                takeovers.append(seconds)
                print("failover \(round + 1): follower led and converged \(String(format: "%.1f", seconds)) s after kill -9")
                #expect(seconds < Self.boundSeconds)
                _ = try await fixture.pids()
                controllers[leader] = try await start()
            }
            let sorted = takeovers.sorted()
            if !sorted.isEmpty {
                let p50 = sorted[sorted.count / 2]
                let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
                print("failover over \(sorted.count) kills (lease 4 s, renew 3 s, retry 1 s): p50 \(String(format: "%.1f", p50)) s, "
                      + "p95 \(String(format: "%.1f", p95)) s, all \(sorted.map { String(format: "%.1f", $0) })")
            }
            let pids = try await fixture.pids()
            #expect(Set(pids.keys) == Set(Self.bots))
            for controller in controllers { _ = try await controller.terminate() }
        }

        private func converged(_ daemon: Daemon, greeting: String) async throws {
            try await Poll.until("the leader to converge", seconds: Self.boundSeconds, interval: .milliseconds(250)) {
                try isConverged(daemon, greeting: greeting) ? true : nil
            }
        }

        /// Leads, its last pass had nothing to do, and every bot runs and answers with `greeting`.
        private func isConverged(_ daemon: Daemon, greeting: String) throws -> Bool {
            let status = try daemon.status()
            guard status["role"] as? String == "leader",
                  let pass = status["lastPass"] as? [String: Any], pass["actions"] as? Int == 0 else { return false }
            let bots = try daemon.bots()
            guard Set(bots.keys) == Set(Self.bots), bots.values.allSatisfy({ $0["phase"] as? String == "Running" }) else {
                return false
            }
            for (name, bot) in bots {
                guard let port = bot["port"] as? Int, let answer = try Fixture.get(port: port),
                      answer.hasPrefix("ok \(name) \(greeting)") else { return false }
            }
            return true
        }

        /// Every pool container of the test, by its class/tenant/index labels: never two for one.
        private func noSlotTwice(_ fixture: Fixture) throws {
            let list = try Command.run("docker", [
                "ps", "-a", "--filter", "label=io.botpool.managed-by=botpool", "--filter", "name=\(fixture.poolPrefix)",
                "--format", #"{{.Label "io.botpool.class"}}/{{.Label "io.botpool.tenant"}}/{{.Label "io.botpool.index"}}"#])
            let slots = list.stdout.split(separator: "\n").map(String.init)
            let twice = Dictionary(grouping: slots, by: { $0 }).filter { $0.value.count > 1 }.keys
            #expect(twice.isEmpty, "two pool containers for \(twice.sorted())")
        }
    }
}
