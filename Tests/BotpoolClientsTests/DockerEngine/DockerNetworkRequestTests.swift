import BotpoolClients
import BotpoolTransport
import Foundation
import Testing

@Suite struct DockerNetworkRequestTests {
    private func client(_ transport: RecordingTransport) -> DockerEngine.Client {
        DockerEngine.Client(transport: transport, apiVersion: DockerEngine.APIVersion(1, 41))
    }

    @Test func createAsksForABridgeWithItsLabelsAndOptionsAndNoDuplicate() async throws {
        let transport = RecordingTransport(status: 201, json: #"{"Id":"n1","Warning":""}"#)
        let result = try await client(transport).createNetwork(
            "botpool-pools-0123abcd", labels: ["io.botpool.managed-by": "botpool"],
            options: ["com.docker.network.bridge.enable_icc": "false"])
        #expect(result == .created(id: "n1", warnings: []))
        let request = try #require(transport.lastRequest)
        #expect(request.method == .post)
        #expect(request.path == "/v1.41/networks/create")
        let body = try #require(JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
        #expect(body["Name"] as? String == "botpool-pools-0123abcd")
        #expect(body["Driver"] as? String == "bridge")
        #expect(body["CheckDuplicate"] as? Bool == true)
        #expect((body["Options"] as? [String: String])?["com.docker.network.bridge.enable_icc"] == "false")
        #expect((body["Labels"] as? [String: String])?["io.botpool.managed-by"] == "botpool")
    }

    @Test func aTakenNameIsAConflictValueAndAMissingNetworkIsAbsent() async throws {
        let taken = RecordingTransport(status: 409, json: #"{"message":"network with name x already exists"}"#)
        #expect(try await client(taken).createNetwork("x", labels: [:]) == .nameConflict(message: "network with name x already exists"))
        let missing = RecordingTransport(status: 404, json: #"{"message":"network x not found"}"#)
        #expect(try await client(missing).inspectNetwork("x").value == nil)
        #expect(try await client(missing).removeNetwork("x") == .absent)
    }

    @Test func connectAndDisconnectNameTheContainerAndToleratePriorState() async throws {
        let connect = RecordingTransport(status: 200, json: "")
        #expect(try await client(connect).connectNetwork("bp-net", container: "c1") == .done)
        #expect(connect.lastRequest?.path == "/v1.41/networks/bp-net/connect")
        let body = try #require(JSONSerialization.jsonObject(with: connect.lastRequest?.body ?? Data()) as? [String: Any])
        #expect(body["Container"] as? String == "c1")
        let already = RecordingTransport(status: 403, json: #"{"message":"endpoint with name c already exists in network bp-net"}"#)
        #expect(try await client(already).connectNetwork("bp-net", container: "c1") == .done)
        let gone = RecordingTransport(status: 404, json: #"{"message":"network bp-net not found"}"#)
        #expect(try await client(gone).connectNetwork("bp-net", container: "c1") == .absent)

        let disconnect = RecordingTransport(status: 200, json: "")
        #expect(try await client(disconnect).disconnectNetwork("bp-net", container: "c1") == .done)
        let sent = try #require(JSONSerialization.jsonObject(with: disconnect.lastRequest?.body ?? Data()) as? [String: Any])
        #expect(sent["Container"] as? String == "c1" && sent["Force"] as? Bool == true)
        let notOn = RecordingTransport(status: 403, json: #"{"message":"container c1 is not connected to network bp-net"}"#)
        #expect(try await client(notOn).disconnectNetwork("bp-net", container: "c1") == .absent)
        let refused = RecordingTransport(status: 500, json: #"{"message":"boom"}"#)
        await #expect(throws: DockerEngine.Error.self) { _ = try await client(refused).disconnectNetwork("bp-net", container: "c1") }
    }

    @Test func inspectReadsLabelsAndOptions() async throws {
        let transport = RecordingTransport(json: """
            {"Name":"botpool-pools-1","Id":"n1","Driver":"bridge","Labels":{"a":"b"},
             "Options":{"com.docker.network.bridge.enable_icc":"false"}}
            """)
        let details = try #require(try await client(transport).inspectNetwork("botpool-pools-1").value)
        #expect(details == DockerEngine.NetworkDetails(id: "n1", name: "botpool-pools-1", driver: "bridge", labels: ["a": "b"],
                                                       options: ["com.docker.network.bridge.enable_icc": "false"]))
        #expect(transport.lastRequest?.path == "/v1.41/networks/botpool-pools-1")
    }
}
