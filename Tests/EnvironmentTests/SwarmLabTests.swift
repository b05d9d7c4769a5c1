import DockerTestSupport
import Foundation
import Testing

/// `scripts/swarm-lab` for real: a two-node swarm of the lab's own daemons, each in a network
/// namespace of its own, runs a service pinned to node 2 that answers on node 2's address from
/// the host; `down` leaves no namespace or bridge behind. The lab's daemons are not the
/// machine's, so the suites that run beside this one on the machine's daemon are not touched.
/// (It takes over a lab someone left up: its first step is `down`.)
@Suite(.serialized) struct SwarmLab {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/swarm-lab").path
    /// Outside the end-to-end tests' 21000-21700; published on node 2's address only.
    static let port = 23000
    static let service = "swarm-lab-test-http"

    @Test func aServicePinnedToNodeTwoAnswersOnNodeTwosAddress() async throws {
        // The nodes get botpool/pool:dev from the machine's daemon.
        try DockerEnvironment.requireReady()
        try Self.lab(["down"])
        defer { Self.downLeavesNothing() }
        try Self.lab(["up", "2"])

        let node2 = try Self.address(of: "node2")
        let ready = try await Self.waitForReadyNodes()
        #expect(ready.contains("node2 Ready"))

        // The page names the node the task runs on (a swarm template), so an answer proves the
        // pin as well as the host-mode port. No IPVS here: dnsrr and mode=host, no routing mesh.
        try Self.docker("node1", [
            "service", "create", "--detach", "--name", Self.service, "--no-resolve-image",
            "--constraint", "node.labels.botpool.node==node2", "--endpoint-mode", "dnsrr",
            "--publish", "mode=host,target=8000,published=\(Self.port)", "--env", "NODE={{.Node.Hostname}}",
            "--stop-grace-period", "1s", DockerEnvironment.poolImage,
            "sh", "-c", "mkdir -p /srv && echo \"$NODE\" > /srv/node && exec python3 -m http.server 8000 -d /srv",
        ])
        let url = "http://\(node2):\(Self.port)/node"
        #expect(try await Self.answer(url) == "node2")

        // A killed daemon (as a killed session leaves it) leaves its pidfiles behind; `up`
        // replaces them, the node is Ready again and the service answers again.
        let pidfile = "/run/botpool-lab/node2.pid"
        let pid = try #require(Int32(String(contentsOfFile: pidfile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGKILL) == 0)
        let again = try Self.lab(["up", "2"])
        #expect(again.contains("removing stale \(pidfile)"), "up after a killed node2:\n\(again)")
        _ = try await Self.waitForReadyNodes()
        #expect(try await Self.answer(url) == "node2")
    }

    /// Polls until node1 lists node1 and node2, both Ready and Active.
    static func waitForReadyNodes() async throws -> String {
        try await poll(seconds: 30) { () -> String? in
            let nodes = try docker("node1", ["node", "ls", "--format", "{{.Hostname}} {{.Status}} {{.Availability}}"])
            let lines = Set(nodes.split(separator: "\n").map(String.init))
            return lines == ["node1 Ready Active", "node2 Ready Active"] ? nodes : nil
        }
    }

    /// The page at `url`, once it answers; a failure names the service's tasks.
    static func answer(_ url: String) async throws -> String {
        do {
            return try await poll(seconds: 60) { () -> String? in
                let reply = try Command.run("curl", ["-fsS", "--max-time", "3", url])
                return reply.status == 0 ? reply.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
            }
        } catch {
            let tasks = try? docker("node1", ["service", "ps", "--no-trunc", service])
            Issue.record("\(url) never answered: \(error)\ntasks:\n\(tasks ?? "?")")
            throw error
        }
    }

    /// Runs the script; a failure is an issue with all it printed.
    @discardableResult
    static func lab(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let run = try Command.run(script, arguments)
        guard run.status == 0 else {
            Issue.record("swarm-lab \(arguments.joined(separator: " ")) exited \(run.status):\n\(run.stdout)\(run.stderr)",
                         sourceLocation: sourceLocation)
            throw EnvironmentError.command("swarm-lab \(arguments.joined(separator: " "))")
        }
        return run.stdout
    }

    /// `docker` against a lab node's daemon.
    @discardableResult
    static func docker(_ node: String, _ arguments: [String]) throws -> String {
        let run = try Command.run("docker", ["-H", "unix:///run/botpool-lab/\(node).sock"] + arguments)
        guard run.status == 0 else {
            throw EnvironmentError.command("docker \(arguments.joined(separator: " ")) on \(node): \(run.stderr)")
        }
        return run.stdout
    }

    /// A node's address, from the ADDRESS column of `swarm-lab status` (BOTPOOL_LAB_SUBNET
    /// may move the lab).
    static func address(of node: String) throws -> String {
        let status = try lab(["status"])
        let row = status.split(separator: "\n").map { $0.split(separator: " ") }.first { $0.first.map(String.init) == node }
        guard let row, row.count > 1 else { throw EnvironmentError.command("no \(node) in swarm-lab status:\n\(status)") }
        return String(row[1])
    }

    /// Runs when the test ends, passed or not: the lab goes, and nothing of it stays.
    static func downLeavesNothing() {
        do {
            try lab(["down"])
        } catch {
            return  // lab(_:) recorded why
        }
        let namespaces = (try? Command.run("ip", ["netns", "list"]).stdout) ?? ""
        #expect(!namespaces.contains("botpool-lab-"), "network namespaces left: \(namespaces)")
        #expect((try? Command.run("ip", ["link", "show", "botpool-lab0"]).status) != 0, "bridge botpool-lab0 left")
        #expect(!FileManager.default.fileExists(atPath: "/run/botpool-lab"))
        #expect(!FileManager.default.fileExists(atPath: "/var/lib/botpool-lab"))
    }
}
