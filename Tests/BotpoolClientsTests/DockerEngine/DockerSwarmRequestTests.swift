import BotpoolClients
import BotpoolTransport
import Foundation
import Testing

/// The swarm endpoints as sent and as decoded, against a recording transport; the same calls
/// run against a real netns swarm in `SwarmLab`.
@Suite struct DockerSwarmRequestTests {
    private func client(_ transport: RecordingTransport) -> DockerEngine.Client {
        DockerEngine.Client(transport: transport, apiVersion: DockerEngine.APIVersion(1, 41))
    }

    static let spec = DockerEngine.ServiceSpec(
        name: "botpool-ft.alice-0", labels: ["io.botpool.pool": "botpool-ft.alice-0"], image: "botpool/pool:dev",
        env: ["B": "2", "A": "1"], constraints: ["node.labels.botpool.node==node2"], hostPorts: [9100, 9101],
        networks: ["botpool-swarm"], memoryBytes: 1 << 30)

    /// One replica, pinned, host-mode ports, DNS round robin (no IPVS, so no VIP and no mesh).
    @Test func createSendsAOneReplicaPinnedServiceWithHostPorts() async throws {
        let transport = RecordingTransport(status: 201, json: #"{"ID":"svc1","Warnings":["unpinned image"]}"#)
        let result = try await client(transport).createService(Self.spec)
        #expect(result == .created(id: "svc1", warnings: ["unpinned image"]))
        #expect(transport.lastRequest?.path == "/v1.41/services/create")
        let body = transport.lastBody
        for piece in [
            #""Mode":{"Replicated":{"Replicas":1}}"#,
            #""EndpointSpec":{"Mode":"dnsrr","Ports":[{"Protocol":"tcp","PublishMode":"host","PublishedPort":9100,"TargetPort":9100},"#,
            #""Placement":{"Constraints":["node.labels.botpool.node==node2"]}"#,
            #""Env":["A=1","B=2"]"#,
            #""Networks":[{"Target":"botpool-swarm"}]"#,
            #""Resources":{"Limits":{"MemoryBytes":1073741824}}"#,
            #""Labels":{"io.botpool.pool":"botpool-ft.alice-0"}"#,
        ] {
            #expect(body.contains(piece), "missing \(piece) in \(body)")
        }
    }

    @Test func aTakenServiceNameIsAConflictNotAnError() async throws {
        let transport = RecordingTransport(status: 409, json: #"{"message":"rpc error: name conflicts with an existing object"}"#)
        #expect(try await client(transport).createService(Self.spec)
            == .nameConflict(message: "rpc error: name conflicts with an existing object"))
    }

    @Test func nodesDecodeWhatPlacementNeeds() async throws {
        let transport = RecordingTransport(json: """
            [{"ID":"n2","Version":{"Index":17},"Spec":{"Labels":{"botpool.node":"node2"},"Role":"worker","Availability":"active"},
              "Description":{"Hostname":"node2","Resources":{"NanoCPUs":2000000000,"MemoryBytes":25769803776}},
              "Status":{"State":"ready","Addr":"10.213.0.12"}}]
            """)
        let nodes = try await client(transport).listNodes()
        #expect(nodes == [DockerEngine.SwarmNode(id: "n2", version: 17, hostname: "node2", labels: ["botpool.node": "node2"],
                                                 role: "worker", availability: "active", state: "ready", address: "10.213.0.12",
                                                 nanoCPUs: 2_000_000_000, memoryBytes: 25_769_803_776)])
    }

    /// Cordon: the node's spec is sent whole with the version it was read at.
    @Test func updatingANodeNamesItsVersionAndKeepsItsSpec() async throws {
        let node = DockerEngine.SwarmNode(id: "n2", version: 17, hostname: "node2", labels: ["botpool.node": "node2"])
        let transport = RecordingTransport(status: 200, json: "")
        try await client(transport).updateNode(node, availability: "drain")
        #expect(transport.lastRequest?.path == "/v1.41/nodes/n2/update?version=17")
        #expect(transport.lastBody == #"{"Availability":"drain","Labels":{"botpool.node":"node2"},"Role":"worker"}"#)
        let refused = RecordingTransport(status: 500, json: #"{"message":"update out of sequence"}"#)
        await #expect(throws: DockerEngine.Error.self) { try await client(refused).updateNode(node, availability: "drain") }
    }

    @Test func tasksAndServicesAreListedByLabelInOneCallEach() async throws {
        let tasks = RecordingTransport(json: """
            [{"ID":"t1","ServiceID":"svc1","NodeID":"n2","DesiredState":"running",
              "Status":{"State":"running","Message":"started","ContainerStatus":{"ContainerID":"c0ffee"}}},
             {"ID":"t0","ServiceID":"svc1","NodeID":"n1","DesiredState":"shutdown",
              "Status":{"State":"failed","Err":"task: non-zero exit (1)"}}]
            """)
        let listed = try await client(tasks).listTasks(labels: ["io.botpool.state-dir": "/s"])
        #expect(listed.map(\.nodeID) == ["n2", "n1"])
        #expect(listed[0].containerID == "c0ffee" && listed[0].state == "running")
        #expect(listed[1].message == "task: non-zero exit (1)")
        #expect(tasks.lastRequest?.path.hasPrefix("/v1.41/tasks?filters=") == true)
        #expect(tasks.lastRequest?.path.contains("io.botpool.state-dir%3D%2Fs") == true, "\(tasks.lastRequest?.path ?? "")")

        let services = RecordingTransport(json: #"[{"ID":"svc1","Spec":{"Name":"botpool-ft.alice-0","Labels":{"a":"b"}}}]"#)
        #expect(try await client(services).listServices(labels: ["a": nil])
            == [DockerEngine.ServiceSummary(id: "svc1", name: "botpool-ft.alice-0", labels: ["a": "b"])])
    }

    @Test func aMissingServiceIsAbsentOnRemove() async throws {
        #expect(try await client(RecordingTransport(status: 404, json: #"{"message":"no such service"}"#)).removeService("x") == .absent)
        #expect(try await client(RecordingTransport(status: 200, json: "")).removeService("x") == .done)
    }

    @Test func anOverlayNetworkIsAttachable() async throws {
        let transport = RecordingTransport(status: 201, json: #"{"Id":"net1","Warning":""}"#)
        #expect(try await client(transport).createNetwork("botpool-swarm", labels: [:], driver: "overlay") == .created(id: "net1", warnings: []))
        #expect(transport.lastBody.contains(#""Attachable":true"#) && transport.lastBody.contains(#""Driver":"overlay""#))
    }
}
