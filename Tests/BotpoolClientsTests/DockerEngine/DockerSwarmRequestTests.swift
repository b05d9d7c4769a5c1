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
            // The limit is also the reservation: swarm refuses to overcommit a node.
            #""Resources":{"Limits":{"MemoryBytes":1073741824},"Reservations":{"MemoryBytes":1073741824}}"#,
            #""UpdateConfig":{"FailureAction":"continue","Order":"stop-first","Parallelism":1}"#,
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

    /// A swarm pool as the backend makes it: confined, its data on a node-local volume, its
    /// login as a root-only secret, the plugin as a config, and its control port published on a
    /// port swarm picks.
    @Test func aConfinedServiceCarriesMountsSecretsConfigsAndAPickedPort() async throws {
        var spec = Self.spec
        spec.pickedHostPorts = [9001]
        spec.mounts = [.volume(name: "bp-e2e-alice-bots", target: "/bots", labels: ["a": "b"]),
                       .tmpfs(target: "/tmp", sizeBytes: 1024, mode: 0o1777)]
        spec.secrets = [.init(id: "s1", name: "conf-1", target: "botpool-supervisord.conf", mode: 0o400)]
        spec.configs = [.init(id: "c1", name: "rpc-1", target: "/botpool/lib/botpool_rpc.py", mode: 0o444)]
        spec.confinement = .init(capDrop: ["ALL"], capAdd: ["CAP_KILL"], pidsLimit: 64, readOnlyRoot: true)
        spec.stopGracePeriod = .seconds(30)
        let transport = RecordingTransport(status: 201, json: #"{"ID":"svc1"}"#)
        _ = try await client(transport).createService(spec)
        let body = transport.lastBody
        for piece in [
            #"{"Protocol":"tcp","PublishMode":"host","TargetPort":9001}"#,
            #""Mounts":[{"Source":"bp-e2e-alice-bots","Target":"/bots","Type":"volume","VolumeOptions":{"Labels":{"a":"b"}}},"#,
            #"{"Target":"/tmp","TmpfsOptions":{"Mode":1023,"SizeBytes":1024},"Type":"tmpfs"}"#,
            #""Secrets":[{"File":{"GID":"0","Mode":256,"Name":"botpool-supervisord.conf","UID":"0"},"SecretID":"s1","SecretName":"conf-1"}]"#,
            #""Configs":[{"ConfigID":"c1","ConfigName":"rpc-1","File":{"GID":"0","Mode":292,"Name":"/botpool/lib/botpool_rpc.py","UID":"0"}}]"#,
            #""CapabilityAdd":["CAP_KILL"],"CapabilityDrop":["ALL"]"#,
            #""ReadOnly":true"#, #""Pids":64"#, #""StopGracePeriod":30000000000"#,
        ] {
            #expect(body.contains(piece), "missing \(piece) in \(body)")
        }
    }

    /// The record is the service's labels: read with its version, sent back whole (fields this
    /// client does not model included) naming that version; a stale version is a conflict.
    @Test func labelsAreUpdatedOnTheWholeSpecAtTheVersionRead() async throws {
        let spec = #"{"Name":"svc","Labels":{"keep":"1","io.botpool.slot.0":"alice/a/Retain"},"TaskTemplate":{"ContainerSpec":{"Image":"i"},"ForceUpdate":3},"Mode":{"Replicated":{"Replicas":1}}}"#
        let transport = RecordingTransport(responses: [
            HTTPResponse(status: 200, headers: [:], body: Data(#"{"ID":"svc1","Version":{"Index":42},"Spec":\#(spec)}"#.utf8)),
            HTTPResponse(status: 200, headers: [:], body: Data(#"{"Warnings":null}"#.utf8)),
        ])
        let result = try await client(transport).updateServiceLabels("svc1") { labels in
            var changed = labels
            changed["io.botpool.slot.0"] = nil
            changed["io.botpool.slot.1"] = "alice/b/Delete"
            return changed
        }
        #expect(result == .updated(["keep": "1", "io.botpool.slot.1": "alice/b/Delete"]))
        #expect(transport.requests.map(\.path) == ["/v1.41/services/svc1", "/v1.41/services/svc1/update?version=42"])
        #expect(transport.lastBody.contains(#""ForceUpdate":3"#) && transport.lastBody.contains(#""Replicas":1"#))
        #expect(transport.lastBody.contains(#""Labels":{"io.botpool.slot.1":"alice/b/Delete","keep":"1"}"#), "\(transport.lastBody)")

        let stale = RecordingTransport(responses: [
            HTTPResponse(status: 200, headers: [:], body: Data(#"{"ID":"svc1","Version":{"Index":42},"Spec":\#(spec)}"#.utf8)),
            HTTPResponse(status: 500, headers: [:], body: Data(#"{"message":"rpc error: code = Unknown desc = update out of sequence"}"#.utf8)),
        ])
        #expect(try await client(stale).updateServiceLabels("svc1") { $0.merging(["x": "y"]) { _, new in new } } == .conflict)
        let same = RecordingTransport(status: 200, json: #"{"ID":"svc1","Version":{"Index":42},"Spec":\#(spec)}"#)
        #expect(try await client(same).updateServiceLabels("svc1") { $0 } == .unchanged(["keep": "1", "io.botpool.slot.0": "alice/a/Retain"]))
        #expect(same.requests.count == 1, "an unchanged record is not written")
    }

    /// A task's host-mode ports as swarm published them (the picked control port included),
    /// and a manager whose Status.Addr is 0.0.0.0 named by its ManagerStatus address.
    @Test func publishedPortsAndManagerAddressesAreRead() async throws {
        let tasks = RecordingTransport(json: """
            [{"ID":"t1","ServiceID":"s","NodeID":"n1","DesiredState":"running","CreatedAt":"2026-11-30T13:01:02.5Z",
              "Status":{"State":"running","PortStatus":{"Ports":[{"TargetPort":9001,"PublishedPort":30001,"PublishMode":"host"}]}}}]
            """)
        let task = try #require(try await client(tasks).listTasks(labels: [:]).first)
        #expect(task.publishedPorts == [9001: 30001] && task.createdAt == "2026-11-30T13:01:02.5Z")
        let nodes = RecordingTransport(json: """
            [{"ID":"n1","Version":{"Index":1},"Status":{"State":"ready","Addr":"0.0.0.0"},"ManagerStatus":{"Addr":"10.213.0.11:2377"}}]
            """)
        #expect(try await client(nodes).listNodes().first?.address == "10.213.0.11")
    }

    /// The overlay channel reaches a task at its address on the pool's network.
    @Test func aTasksOverlayAddressesAreReadByNetworkName() async throws {
        let tasks = RecordingTransport(json: """
            [{"ID":"t1","ServiceID":"s","NodeID":"n1","DesiredState":"running","Status":{"State":"running"},
              "NetworksAttachments":[{"Network":{"ID":"x","Spec":{"Name":"bp-lab-alice-0-1234"}},"Addresses":["10.214.1.2/24"]},
                                     {"Network":{"ID":"y","Spec":{"Name":"odd"}},"Addresses":[]},
                                     {"Network":{"ID":"z"},"Addresses":["10.9.9.9/24"]}]}]
            """)
        let task = try #require(try await client(tasks).listTasks(labels: [:]).first)
        #expect(task.networkAddresses == ["bp-lab-alice-0-1234": "10.214.1.2"])
    }

    @Test func secretsAreCreatedBase64AndATakenNameIsAConflict() async throws {
        let transport = RecordingTransport(status: 201, json: #"{"ID":"sec1"}"#)
        #expect(try await client(transport).createSwarmFile(.secrets, name: "s", data: Data("pw".utf8), labels: ["a": "b"])
            == .created(id: "sec1", warnings: []))
        #expect(transport.lastRequest?.path == "/v1.41/secrets/create")
        #expect(transport.lastBody == #"{"Data":"cHc=","Labels":{"a":"b"},"Name":"s"}"#)
        let taken = RecordingTransport(status: 409, json: #"{"message":"rpc error: code = AlreadyExists"}"#)
        #expect(try await client(taken).createSwarmFile(.configs, name: "c", data: Data(), labels: [:])
            == .nameConflict(message: "rpc error: code = AlreadyExists"))
    }
}
