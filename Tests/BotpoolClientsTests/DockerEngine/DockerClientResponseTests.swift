import BotpoolClients
import BotpoolTransport
import Foundation
import Testing

@Suite struct DockerClientResponseTests {
    private func client(_ transport: RecordingTransport) -> DockerEngine.Client {
        DockerEngine.Client(transport: transport, apiVersion: DockerEngine.APIVersion(1, 41))
    }

    @Test func inspectDecodesStateAndConfig() async throws {
        let transport = RecordingTransport(json: """
            {"Id":"abc","Name":"/botpool-ft.alice-0",
             "State":{"Status":"exited","Running":false,"OOMKilled":true,"Pid":0,"ExitCode":137,"Error":"",
                      "StartedAt":"2024-01-01T00:00:00Z","FinishedAt":"2024-01-01T00:01:00Z"},
             "Config":{"Image":"botpool/pool:dev","Labels":{"k":"v"},"Env":["A=1"],"Cmd":["supervisord"]},
             "HostConfig":{"Binds":["/a:/b"],"Memory":536870912,"NanoCpus":2000000000},
             "NetworkSettings":{"SandboxKey":"/var/run/docker/netns/76205fd7171a","Networks":{"bp-a":{"IPAddress":"10.0.1.4"},"bridge":{}}}}
            """)
        let details = try #require(try await client(transport).inspectContainer("botpool-ft.alice-0").value)
        #expect(details.name == "botpool-ft.alice-0")
        #expect(details.state.status == "exited")
        #expect(details.state.oomKilled)
        #expect(details.state.exitCode == 137)
        #expect(details.labels == ["k": "v"])
        #expect(details.binds == ["/a:/b"])
        #expect(details.memoryBytes == 536_870_912)
        #expect(details.nanoCPUs == 2_000_000_000)
        #expect(details.sandboxKey == "/var/run/docker/netns/76205fd7171a")
        #expect(details.networks == ["bp-a", "bridge"])
        #expect(transport.lastRequest?.path == "/v1.41/containers/botpool-ft.alice-0/json")
    }

    @Test func notFoundIsAbsentNotAnError() async throws {
        let transport = RecordingTransport(status: 404, json: #"{"message":"No such container: x"}"#)
        let docker = client(transport)
        #expect(try await docker.inspectContainer("x") == .absent)
        #expect(try await docker.removeContainer("x") == .absent)
        #expect(try await docker.startContainer("x") == .absent)
        #expect(try await docker.inspectImage("x") == .absent)
        #expect(try await docker.containerLogs("x") == .absent)
    }

    @Test func alreadyInStateIsAValue() async throws {
        let docker = client(RecordingTransport(status: 304))
        #expect(try await docker.startContainer("x") == .alreadyDone)
        #expect(try await docker.stopContainer("x") == .alreadyDone)
        let notRunning = RecordingTransport(status: 409, json: #"{"message":"Container x is not running"}"#)
        #expect(try await client(notRunning).killContainer("x") == .alreadyDone)
    }

    @Test func nameConflictIsADistinctCase() async throws {
        let message = #"Conflict. The container name "/p" is already in use by container "abc"."#
        let transport = RecordingTransport(status: 409, json: #"{"message":"\#(message.replacingOccurrences(of: "\"", with: "\\\""))"}"#)
        let result = try await client(transport).createContainer(.init(name: "p", image: "i"))
        #expect(result == .nameConflict(message: message))
    }

    @Test func otherStatusesKeepStatusAndDaemonMessage() async throws {
        let transport = RecordingTransport(status: 500, json: #"{"message":"driver failed programming external connectivity"}"#)
        do {
            _ = try await client(transport).createContainer(.init(name: "p", image: "i"))
            Issue.record("expected an error")
        } catch let error as DockerEngine.Error {
            guard case .api(_, let status, let message) = error else { throw error }
            #expect(status == 500)
            #expect(message == "driver failed programming external connectivity")
            #expect(error.description == "docker create container p: 500 driver failed programming external connectivity")
        }
    }

    @Test func missingSocketSaysWhatToDo() async {
        let transport = RecordingTransport([.failure(.cannotConnect(endpoint: "unix:///var/run/docker.sock", reason: .noSuchFile))])
        do {
            try await client(transport).ping()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "cannot connect to the Docker daemon at unix:///var/run/docker.sock: no such file — is dockerd running? (scripts/setup starts one)")
        }
    }

    @Test func logsAreDemultiplexed() async throws {
        var body = Data([1, 0, 0, 0, 0, 0, 0, 6]) + Data("hello\n".utf8)
        body += Data([2, 0, 0, 0, 0, 0, 0, 4]) + Data("oops".utf8)
        let transport = RecordingTransport(responses: [HTTPResponse(status: 200, headers: ["Content-Type": "application/vnd.docker.raw-stream"], body: body)])
        let frames = try #require(try await client(transport).containerLogs("p", tail: 20).value)
        #expect(frames == [.init(stream: .stdout, bytes: Data("hello\n".utf8)), .init(stream: .stderr, bytes: Data("oops".utf8))])
        #expect(transport.lastRequest?.path == "/v1.41/containers/p/logs?stdout=true&stderr=true&tail=20")
    }

    @Test func ttyLogsAreOneRawFrame() async throws {
        let transport = RecordingTransport(responses: [HTTPResponse(status: 200, body: Data("plain tty output\n".utf8))])
        let frames = try #require(try await client(transport).containerLogs("p").value)
        #expect(frames == [.init(stream: .stdout, bytes: Data("plain tty output\n".utf8))])
    }

    @Test func truncatedFrameIsNotMistakenForFrames() {
        #expect(DockerEngine.LogFrame.demultiplex(Data([1, 0, 0, 0, 0, 0, 0, 9]) + Data("short".utf8)) == nil)
        #expect(DockerEngine.LogFrame.demultiplex(Data()) == [])
    }
}
