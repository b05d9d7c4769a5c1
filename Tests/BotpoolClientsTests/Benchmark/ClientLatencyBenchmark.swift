import BotpoolClients
import BotpoolManifest
import Foundation
import Testing

/// Latency of the calls a reconcile pass makes, against the real daemon and supervisord.
/// Run with `BOTPOOL_BENCH=1 swift test -c release --filter ClientLatencyBenchmark`
/// (or `bench/clients.sh`); lines starting `bench:` are the results.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["BOTPOOL_BENCH"] == "1"))
struct ClientLatencyBenchmark {
    static let suite = "clients-bench"

    @Test func listContainersWithFiftyPresent() async throws {
        let docker = try await DockerFixture.client()
        try await DockerFixture.removeLeftovers(docker, suite: Self.suite)
        let names = (0..<50).map { "botpool-test-bench-sleep-\($0)" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for batch in stride(from: 0, to: names.count, by: 10) {
                for name in names[batch..<min(batch + 10, names.count)] {
                    group.addTask {
                        let spec = DockerEngine.ContainerSpec(
                            name: name, image: DockerFixture.image, command: ["sleep", "3600"],
                            labels: [DockerFixture.testLabel: Self.suite])
                        _ = try await docker.createContainer(spec)
                        _ = try await docker.startContainer(name)
                    }
                }
                try await group.waitForAll()
            }
        }
        var sample = LatencySample(name: "list containers by label (50 present)")
        for _ in 0..<50 {
            let rows = try await sample.measure { try await docker.listContainers(labels: [DockerFixture.testLabel: Self.suite]) }
            #expect(rows.count == 50)
        }
        print(sample.report)
        try await DockerFixture.removeLeftovers(docker, suite: Self.suite)
    }

    @Test func supervisorAndProbe() async throws {
        try await PoolFixture.with(suite: Self.suite, name: "botpool-test-bench-pool", ports: 19330...19339) { pool in
            for slot in 0..<10 {
                let argv = slot == 0 ? ["python3", "-m", "http.server", "19330"] : ["sleep", "3600"]
                try await pool.place(Supervisor.BotProgram(
                    name: "bot-\(slot)", argv: argv, env: [:], directory: "/bots/bot-\(slot)",
                    fingerprint: SpecFingerprint(components: ["command": UInt32(slot)]).encoded))
            }
            for slot in 0..<10 { try await pool.waitFor("bot-\(slot)", .running) }
            var info = LatencySample(name: "getAllProcessInfo (10 programs)")
            for _ in 0..<100 {
                let processes = try await info.measure { try await pool.supervisor.getAllProcessInfo() }
                #expect(processes.count == 10)
            }
            print(info.report)
            var config = LatencySample(name: "getAllConfigInfo (10 programs)")
            for _ in 0..<50 { _ = try await config.measure { try await pool.supervisor.getAllConfigInfo() } }
            print(config.report)

            let probe = Probe()
            try await DockerFixture.eventually("http bot") { await probe.http(address: "127.0.0.1", port: 19330).success }
            var probes = LatencySample(name: "probe (python http.server in the pool, via docker-proxy)")
            for _ in 0..<100 {
                let result = await probes.measure { await probe.http(address: "127.0.0.1", port: 19330, timeout: .seconds(2)) }
                #expect(result.success)
            }
            print(probes.report)
        }
    }

    @Test func poolCreateAndStart() async throws {
        let docker = try await DockerFixture.client()
        try await DockerFixture.removeLeftovers(docker, suite: Self.suite)
        var createStart = LatencySample(name: "pool container create+start")
        var ready = LatencySample(name: "pool create → supervisord answering")
        for round in 0..<10 {
            try await DockerFixture.withTemporaryDirectory { root in
                try Supervisor.PoolConfig(pool: "bench").prepare(beneath: ConfinedRoot(root), config: "config", run: "run")
                let name = "botpool-test-bench-create-\(round)"
                let spec = DockerEngine.ContainerSpec(
                    name: name, image: DockerFixture.image, labels: [DockerFixture.testLabel: Self.suite],
                    binds: [.init(hostPath: root + "/config", containerPath: Supervisor.PoolConfig.containerDirectory, readOnly: true),
                            .init(hostPath: root + "/run", containerPath: Supervisor.PoolConfig.runDirectory)],
                    ports: .init(hostIP: "127.0.0.1", ports: 19340...19349), memoryBytes: 256 << 20)
                let supervisor = Supervisor.Client(socketPath: Supervisor.PoolConfig.socketPath(runDirectory: root + "/run"))
                try await ready.measure {
                    try await createStart.measure {
                        _ = try await docker.createContainer(spec)
                        _ = try await docker.startContainer(name)
                    }
                    try await DockerFixture.eventually("supervisord") { (try? await supervisor.getState()) == .running }
                }
                _ = try await docker.removeContainer(name)
            }
        }
        print(createStart.report)
        print(ready.report)
    }

    @Test func hundredConcurrentProbesDoNotSerialise() async throws {
        let server = try DelayingHTTPServer(delay: .milliseconds(100))
        let probe = Probe()
        var single = LatencySample(name: "one probe of a 100 ms server")
        for _ in 0..<10 { _ = await single.measure { await probe.http(address: "127.0.0.1", port: server.port) } }
        var wall = LatencySample(name: "100 concurrent probes of a 100 ms server (wall)")
        for _ in 0..<5 {
            let results = await wall.measure {
                await withTaskGroup(of: ProbeResult.self) { group in
                    for _ in 0..<100 {
                        group.addTask { await probe.http(address: "127.0.0.1", port: server.port, timeout: .seconds(5)) }
                    }
                    return await group.reduce(into: [ProbeResult]()) { $0.append($1) }
                }
            }
            #expect(results.allSatisfy { $0.success })
        }
        print(single.report)
        print(wall.report)
        print("bench: serialised would be ≈ \(LatencySample.ms(single.percentile(50) * 100)); measured wall p50 \(LatencySample.ms(wall.percentile(50)))")
        #expect(wall.percentile(50) < single.percentile(50) * 10)
    }
}
