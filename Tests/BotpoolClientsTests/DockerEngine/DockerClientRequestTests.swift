import BotpoolClients
import BotpoolTransport
import Foundation
import Testing

@Suite struct DockerClientRequestTests {
    private func client(_ transport: RecordingTransport) -> DockerEngine.Client {
        DockerEngine.Client(transport: transport, apiVersion: DockerEngine.APIVersion(1, 41))
    }

    @Test func negotiatesTheLowerOfServerAndSupportedVersion() async throws {
        let old = RecordingTransport(json: #"{"Version":"20.10.24","ApiVersion":"1.41","MinAPIVersion":"1.12"}"#)
        let oldClient = try await DockerEngine.Client.connect(transport: old)
        #expect(oldClient.apiVersion == DockerEngine.APIVersion(1, 41))
        #expect(old.lastRequest?.path == "/version")

        let new = RecordingTransport(json: #"{"Version":"27.3.1","ApiVersion":"1.47"}"#)
        let newClient = try await DockerEngine.Client.connect(transport: new)
        #expect(newClient.apiVersion == DockerEngine.Client.maximumAPIVersion)
    }

    @Test func refusesAnAncientDaemon() async {
        let transport = RecordingTransport(json: #"{"Version":"1.13","ApiVersion":"1.25"}"#)
        await #expect(throws: DockerEngine.Error.self) {
            _ = try await DockerEngine.Client.connect(transport: transport)
        }
    }

    @Test func listFiltersByLabelsInOneCall() async throws {
        let transport = RecordingTransport(json: """
            [{"Id":"abc","Names":["/botpool-ft.alice-0"],"Image":"botpool/pool:dev","State":"running",
              "Status":"Up 2 minutes","Created":1700000000,
              "Labels":{"io.botpool.managed-by":"botpool","io.botpool.pool":"ft-alice-0"},
              "NetworkSettings":{"Networks":{"botpool-s1":{"IPAddress":"172.18.0.5"},"none":{"IPAddress":""}}}}]
            """)
        let rows = try await client(transport).listContainers(labels: ["io.botpool.managed-by": "botpool", "test": nil])
        let request = try #require(transport.lastRequest)
        #expect(request.method == .get)
        let filters = HTTPQuery.escape(#"{"label":["io.botpool.managed-by=botpool","test"]}"#)
        #expect(request.path == "/v1.41/containers/json?all=true&filters=\(filters)")
        #expect(rows.count == 1)
        #expect(rows[0].name == "botpool-ft.alice-0")
        #expect(rows[0].labels["io.botpool.pool"] == "ft-alice-0")
        #expect(rows[0].state == "running")
        #expect(rows[0].addresses == ["botpool-s1": "172.18.0.5"])
    }

    @Test func createSendsTheWholeSpec() async throws {
        let transport = RecordingTransport(status: 201, json: #"{"Id":"c0ffee","Warnings":[]}"#)
        let spec = DockerEngine.ContainerSpec(
            name: "botpool-ft.alice-0", image: "botpool/pool:dev", command: ["supervisord", "-n"],
            env: ["B": "2", "A": "1"], labels: ["io.botpool.pool": "ft-alice-0"],
            binds: [.init(hostPath: "/s/pools/p/supervisor", containerPath: "/botpool/supervisor"),
                    .init(hostPath: "/s/bots", containerPath: "/bots", readOnly: true),
                    .init(hostPath: "/s/slots", containerPath: "/slots", readOnly: true, propagation: "rslave")],
            ports: .init(hostIP: "127.0.0.1", ports: 9000...9001), memoryBytes: 1 << 30, nanoCPUs: 1_500_000_000)
        let result = try await client(transport).createContainer(spec)
        #expect(result == .created(id: "c0ffee", warnings: []))
        let request = try #require(transport.lastRequest)
        #expect(request.method == .post)
        #expect(request.path == "/v1.41/containers/create?name=botpool-ft.alice-0")
        #expect(request.headers["Content-Type"] == "application/json")
        let expected = #"{"Cmd":["supervisord","-n"],"Env":["A=1","B=2"],"ExposedPorts":{"9000/tcp":{},"9001/tcp":{}},"#
            + #""HostConfig":{"Binds":["/s/pools/p/supervisor:/botpool/supervisor","/s/bots:/bots:ro","/s/slots:/slots:ro,rslave"],"#
            + #""Memory":1073741824,"#
            + #""NanoCpus":1500000000,"PortBindings":{"9000/tcp":[{"HostIp":"127.0.0.1","HostPort":"9000"}],"#
            + #""9001/tcp":[{"HostIp":"127.0.0.1","HostPort":"9001"}]},"RestartPolicy":{"Name":"no"}},"#
            + #""Image":"botpool/pool:dev","Labels":{"io.botpool.pool":"ft-alice-0"}}"#
        #expect(transport.lastBody == expected)
    }

    @Test func createWithoutPublishingExposesOnly() async throws {
        let transport = RecordingTransport(status: 201, json: #"{"Id":"c0ffee"}"#)
        let spec = DockerEngine.ContainerSpec(name: "p", image: "i", ports: .init(hostIP: "", ports: 9000...9000))
        _ = try await client(transport).createContainer(spec)
        #expect(transport.lastBody.contains(#""ExposedPorts":{"9000/tcp":{}}"#))
        #expect(!transport.lastBody.contains("PortBindings"))
    }

    @Test func confinementReachesTheHostConfig() async throws {
        let transport = RecordingTransport(status: 201, json: #"{"Id":"abc"}"#)
        let confined = DockerEngine.ContainerSpec(
            name: "p", image: "i", memoryBytes: 512 << 20,
            confinement: .init(capDrop: ["ALL"], noNewPrivileges: true, pidsLimit: 100, swapEqualsMemory: true))
        _ = try await client(transport).createContainer(confined)
        for fragment in [#""CapDrop":["ALL"]"#, #""SecurityOpt":["no-new-privileges"]"#, #""PidsLimit":100"#,
                         #""MemorySwap":536870912"#] {
            #expect(transport.lastBody.contains(fragment), "\(fragment) in \(transport.lastBody)")
        }
        _ = try await client(transport).createContainer(DockerEngine.ContainerSpec(name: "p", image: "i"))
        #expect(!transport.lastBody.contains("CapDrop") && !transport.lastBody.contains("MemorySwap"))
    }

    @Test func lifecycleRoutes() async throws {
        let transport = RecordingTransport(status: 204)
        let docker = client(transport)
        #expect(try await docker.startContainer("p0") == .done)
        #expect(try await docker.stopContainer("p0", timeout: .seconds(7)) == .done)
        #expect(try await docker.killContainer("p0") == .done)
        #expect(try await docker.removeContainer("p0") == .done)
        #expect(transport.requests.map { "\($0.method) \($0.path)" } == [
            "POST /v1.41/containers/p0/start",
            "POST /v1.41/containers/p0/stop?t=7",
            "POST /v1.41/containers/p0/kill?signal=KILL",
            "DELETE /v1.41/containers/p0?force=true&v=true",
        ])
        #expect(transport.requests[1].timeout > .seconds(7))
    }

    /// `docker rm -f` by someone else: the container is going, so the remove waits for it
    /// instead of failing (a failure would hold the pool's replacement back by a retry).
    @Test func aRemovalAlreadyInProgressIsWaitedOut() async throws {
        let transport = RecordingTransport(responses: [
            HTTPResponse(status: 409, body: Data(#"{"message":"removal of container p0 is already in progress"}"#.utf8)),
            HTTPResponse(status: 200, body: Data(#"{"Id":"abc","Name":"/p0"}"#.utf8)),
            HTTPResponse(status: 404, body: Data(#"{"message":"No such container: p0"}"#.utf8)),
        ])
        #expect(try await client(transport).removeContainer("p0") == .done)
        #expect(transport.requests.map { "\($0.method) \($0.path)" } == [
            "DELETE /v1.41/containers/p0?force=true&v=true",
            "GET /v1.41/containers/p0/json",
            "GET /v1.41/containers/p0/json",
        ])
    }

    @Test func anotherConflictOnRemoveIsAnError() async throws {
        let transport = RecordingTransport(status: 409, json: #"{"message":"container p0 is paused"}"#)
        await #expect(throws: DockerEngine.Error.self) { _ = try await client(transport).removeContainer("p0") }
        #expect(transport.requests.count == 1)
    }

    @Test func pingAndImageInspect() async throws {
        let transport = RecordingTransport(responses: [
            HTTPResponse(status: 200, body: Data("OK".utf8)),
            HTTPResponse(status: 200, body: Data(#"{"Id":"sha256:1","RepoTags":["botpool/pool:dev"],"Size":12,"Config":{"Labels":{"a":"b"}}}"#.utf8)),
        ])
        let docker = client(transport)
        try await docker.ping()
        let image = try await docker.inspectImage("botpool/pool:dev")
        #expect(image.value?.repoTags == ["botpool/pool:dev"])
        #expect(image.value?.labels == ["a": "b"])
        #expect(transport.requests.map(\.path) == ["/_ping", "/v1.41/images/botpool/pool:dev/json"])
    }
}
