import BotpoolClients
import BotpoolTransport
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
        try await SwarmLabLock.withLab {
            try await Self.offPool { try Self.lab(["down"]) }
            do {
                try await Self.serviceOnNodeTwo()
            } catch {
                await Self.offPool { Self.downLeavesNothing() }
                throw error
            }
            await Self.offPool { Self.downLeavesNothing() }
        }
    }

    private static func serviceOnNodeTwo() async throws {
        try await offPool { try Self.lab(["up", "2"]) }

        let node2 = try Self.address(of: "node2")
        let ready = try await Self.waitForReadyNodes()
        #expect(ready.contains("node2 Ready"))

        // The page names the node the task runs on (a swarm template), so an answer proves the
        // pin as well as the host-mode port. No IPVS here: dnsrr and mode=host, no routing mesh.
        try await offPool { try Self.docker("node1", [
            "service", "create", "--detach", "--name", Self.service, "--no-resolve-image",
            "--constraint", "node.labels.botpool.node==node2", "--endpoint-mode", "dnsrr",
            "--publish", "mode=host,target=8000,published=\(Self.port)", "--env", "NODE={{.Node.Hostname}}",
            "--stop-grace-period", "1s", DockerEnvironment.poolImage,
            "sh", "-c", "mkdir -p /srv && echo \"$NODE\" > /srv/node && exec python3 -m http.server 8000 -d /srv",
        ]) }
        let url = "http://\(node2):\(Self.port)/node"
        #expect(try await Self.answer(url) == "node2")

        // A killed daemon (as a killed session leaves it) leaves its pidfiles behind; `up`
        // replaces them, the node is Ready again and the service answers again.
        let pidfile = "/run/botpool-lab/node2.pid"
        let pid = try #require(Int32(String(contentsOfFile: pidfile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGKILL) == 0)
        let again = try await offPool { try Self.lab(["up", "2"]) }
        #expect(again.contains("removing stale \(pidfile)"), "up after a killed node2:\n\(again)")
        _ = try await Self.waitForReadyNodes()
        #expect(try await Self.answer(url) == "node2")

        try await engineClientRunsAPinnedService(node2: node2)
    }

    /// botpool's own Engine client on the lab (what a swarm backend calls): nodes as listed,
    /// a one-replica service pinned to node 2 with a host-mode port, its task found by label on
    /// node 2 and answering there, then removed.
    private static func engineClientRunsAPinnedService(node2: String) async throws {
        let client = try await DockerEngine.Client.connect(
            transport: CurlTransport(endpoint: .unixSocket(path: "/run/botpool-lab/node1.sock")))
        let nodes = try await client.listNodes()
        let pinned = try #require(nodes.first { $0.labels["botpool.node"] == "node2" }, "nodes: \(nodes)")
        #expect(nodes.count == 2 && pinned.state == "ready" && pinned.availability == "active" && pinned.address == node2)
        let labels = ["io.botpool.test": "swarm-lab"]
        let spec = DockerEngine.ServiceSpec(
            name: service + "-client", labels: labels, image: DockerEnvironment.poolImage,
            command: ["sh", "-c", "mkdir -p /srv && echo \"$NODE\" > /srv/node && exec python3 -m http.server \(port + 1) -d /srv"],
            env: ["NODE": "{{.Node.Hostname}}"], constraints: ["node.labels.botpool.node==node2"], hostPorts: [port + 1])
        guard case .created = try await client.createService(spec) else {
            Issue.record("the service exists already")
            return
        }
        #expect(try await answer("http://\(node2):\(port + 1)/node") == "node2")
        let tasks = try await client.listTasks(labels: labels.mapValues { Optional($0) })
        #expect(tasks.contains { $0.nodeID == pinned.id && $0.state == "running" && !$0.containerID.isEmpty }, "tasks: \(tasks)")
        #expect(try await client.listServices(labels: labels.mapValues { Optional($0) }).map(\.name) == [spec.name])
        #expect(try await client.removeService(spec.name) == .done)
        #expect(try await client.removeService(spec.name) == .absent)
    }

    /// Runs a blocking step (the script takes seconds to tens of seconds under load) on a
    /// Dispatch thread, not on the cooperative pool the other suites' tasks share.
    @discardableResult
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    static func offPool(_ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                body()
                continuation.resume()
            }
        }
    }

    /// Polls until node1 lists node1 and node2, both Ready and Active.
    static func waitForReadyNodes() async throws -> String {
        try await poll(seconds: 120) { () -> String? in
            let nodes = try docker("node1", ["node", "ls", "--format", "{{.Hostname}} {{.Status}} {{.Availability}}"])
            let lines = Set(nodes.split(separator: "\n").map(String.init))
            return lines == ["node1 Ready Active", "node2 Ready Active"] ? nodes : nil
        }
    }

    /// The page at `url`, once it answers; a failure names the service's tasks.
    static func answer(_ url: String) async throws -> String {
        do {
            return try await poll(seconds: 120) { () -> String? in
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
