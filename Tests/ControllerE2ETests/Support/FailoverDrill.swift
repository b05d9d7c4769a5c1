import DockerTestSupport
import Foundation
import Testing

/// Two `botpool run --etcd` on one manifests dir and one state dir, and `kill -9` of whichever
/// leads while it converges, `kills` times: each time the follower must lead and converge within
/// `boundSeconds`, and at no moment may two pools stand for one class/tenant/index or one bot be
/// placed twice. The backend is the caller's: `flags` choose it, `answer` reaches a bot's port,
/// `placements` lists what the backend holds (one entry per pool, one per placed bot).
struct FailoverDrill {
    struct Placements {
        var pools: [String]
        var bots: [String]
    }

    static let leaseSeconds = 4.0
    static let retrySeconds = 1.0
    /// The bound the tests assert: lease + retry + a generous pass on a loaded machine.
    static let boundSeconds = leaseSeconds + retrySeconds + 60

    var fixture: Fixture
    var etcd: EtcdServer
    var bots: [String]
    var flags: [String] = []
    var answer: (Int) throws -> String? = { try Fixture.get(port: $0) }
    var placements: () async throws -> Placements

    /// The takeover times, in seconds after each kill.
    func run(kills: Int) async throws -> [Double] {
        for bot in bots { try fixture.writeBot(bot, greeting: "round0") }
        let flags = self.flags + ["--etcd", etcd.url, "--election-name", "e2e-\(UUID().uuidString.prefix(8))",
                                  "--lease-duration", "4", "--renew-deadline", "3", "--retry-period", "1", "--resync", "5"]
        var started = 0
        // One token for both, as an operator deploys them: `get --server` follows a follower to the leader.
        let token = "e2e-\(UUID().uuidString)"
        func start() async throws -> Daemon {
            started += 1
            let daemon = try Daemon(fixture, extra: flags, logName: "controller\(started).log", token: token)
            try await Poll.until("controller \(started) to serve /healthz", seconds: 30) {
                try daemon.get("/healthz", authorized: false).status == 200 ? true : nil
            }
            return daemon
        }
        var controllers = [try await start(), try await start()]
        var takeovers: [Double] = []
        var greeting = "round0"
        for round in 0...kills {
            // A controller just started follows before it has read who leads: wait for the name.
            let leader = try await Poll.until("one leader, named by the follower", seconds: Self.boundSeconds) { () -> Int? in
                let roles = try controllers.map { try $0.status()["role"] as? String }
                guard roles.filter({ $0 == "leader" }).count == 1, roles.contains("follower"),
                      let index = roles.firstIndex(of: "leader") else { return nil }
                let named = (try controllers[1 - index].status()["leader"] as? [String: Any])?["identity"] as? String
                return named?.isEmpty == false ? index : nil
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
                // Asked, the follower hands over to the leader's status.
                let listed = try Command.run(fixture.botpool, ["get", "bots", "-o", "json", "--server",
                                                               "http://127.0.0.1:\(controllers[follower].port)",
                                                               "--token-file", controllers[follower].tokenFile])
                #expect(listed.status == 0 && bots.allSatisfy { listed.stdout.contains("\"\($0)\"") }, "\(listed.stdout)\(listed.stderr)")
                break
            }
            if round > 0 {
                // Converged, then every bot changed: the kill lands among their updates.
                try await converged(controllers[leader], greeting: greeting)
                greeting = "round\(round)"
                for bot in bots { try fixture.writeBot(bot, greeting: greeting) }
            }
            // Kill while converging: once the leader logs an action done (or after 20 s).
            let before = controllers[leader].logText.components(separatedBy: " done").count
            _ = try? await Poll.until("the leader to act", seconds: 20, interval: .milliseconds(50)) {
                controllers[leader].logText.components(separatedBy: " done").count > before ? true : nil
            }
            kill(leaderPID, SIGKILL)
            let killed = Date()
            try await Poll.until("the follower to lead and converge", seconds: Self.boundSeconds, interval: .milliseconds(250)) {
                try await nothingTwice()
                return try isConverged(controllers[follower], greeting: greeting) ? true : nil
            }
            let seconds = Date().timeIntervalSince(killed)
            takeovers.append(seconds)
            print("failover \(round + 1): follower led and converged \(String(format: "%.1f", seconds)) s after kill -9")
            #expect(seconds < Self.boundSeconds)
            controllers[leader] = try await start()
        }
        try await nothingTwice()
        for controller in controllers { _ = try await controller.terminate() }
        return takeovers
    }

    static func summary(_ takeovers: [Double]) -> String {
        let sorted = takeovers.sorted()
        guard !sorted.isEmpty else { return "no takeover" }
        let p50 = sorted[sorted.count / 2]
        let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
        return "failover over \(sorted.count) kills (lease 4 s, renew 3 s, retry 1 s): p50 \(String(format: "%.1f", p50)) s, "
            + "p95 \(String(format: "%.1f", p95)) s, all \(sorted.map { String(format: "%.1f", $0) })"
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
        let seen = try daemon.bots()
        guard Set(seen.keys) == Set(bots), seen.values.allSatisfy({ $0["phase"] as? String == "Running" }) else {
            return false
        }
        for (name, bot) in seen {
            guard let port = bot["port"] as? Int, let reply = try answer(port), reply.hasPrefix("ok \(name) \(greeting)") else { return false }
        }
        return true
    }

    private func nothingTwice() async throws {
        let held = try await placements()
        let pools = Dictionary(grouping: held.pools, by: { $0 }).filter { $0.value.count > 1 }.keys
        #expect(pools.isEmpty, "two pools for \(pools.sorted())")
        let placed = Dictionary(grouping: held.bots, by: { $0 }).filter { $0.value.count > 1 }.keys
        #expect(placed.isEmpty, "bots placed twice: \(placed.sorted())")
    }
}
