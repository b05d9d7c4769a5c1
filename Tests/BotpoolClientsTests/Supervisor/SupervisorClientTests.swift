import BotpoolClients
import BotpoolTransport
import Foundation
import Testing

@Suite struct SupervisorClientTests {
    private func client(_ xml: String...) -> (Supervisor.Client, RecordingTransport) {
        let transport = RecordingTransport(responses: xml.map { HTTPResponse(status: 200, body: Data($0.utf8)) })
        return (Supervisor.Client(transport: transport, socketPath: "/state/pools/p/supervisor/supervisor.sock"), transport)
    }

    @Test func callsArePostsToRPC2() async throws {
        let (supervisor, transport) = client(SupervisorSamples.getState)
        #expect(try await supervisor.getState() == .running)
        let request = try #require(transport.lastRequest)
        #expect(request.method == .post)
        #expect(request.path == "/RPC2")
        #expect(request.headers["Content-Type"] == "text/xml")
        #expect(transport.lastBody.contains("<methodName>supervisor.getState</methodName><params></params>"))
    }

    @Test func processInfoDecodes() async throws {
        let (supervisor, _) = client(SupervisorSamples.getAllProcessInfo)
        let info = try #require(try await supervisor.getAllProcessInfo().first)
        #expect(info.name == "a")
        #expect(info.namespec == "a")
        #expect(info.state == .backoff)
        #expect(info.spawnError.hasPrefix("can't parse command"))
        #expect(info.start == 1_795_422_526)
        #expect(info.stdoutLogfile == "/botpool/supervisor/logs/a.log")
    }

    @Test func configInfoDecodesAndParsesTheCommand() async throws {
        let (supervisor, _) = client(SupervisorSamples.getAllConfigInfo)
        let config = try #require(try await supervisor.getAllConfigInfo().first)
        #expect(config.inUse)
        #expect(config.directory == "/bots/a")
        #expect(config.startSeconds == 1)
        let program = try #require(config.program)
        #expect(program.fingerprintText == "x")
        #expect(program.env == ["A": "1"])
        #expect(program.argv == ["python3", "-c", "print(1)"])
    }

    @Test func reloadListsChangedGroups() async throws {
        let (supervisor, _) = client(SupervisorSamples.reloadConfigChanged)
        #expect(try await supervisor.reloadConfig() == Supervisor.ReloadResult(added: [], changed: ["a"], removed: []))
    }

    @Test func tailKeepsControlCharactersAndEntities() async throws {
        let (supervisor, transport) = client(SupervisorSamples.tailWithControlCharacters)
        let tail = try #require(try await supervisor.tailProcessStdoutLog("a", offset: 0, length: 100).value)
        #expect(tail.text == "\u{1B}[31mred & <b>é")
        #expect(tail.nextOffset == 17)
        #expect(!tail.overflow)
        #expect(transport.lastBody.contains("<param><value><string>a</string></value></param><param><value><int>0</int></value></param><param><value><int>100</int></value></param>"))
    }

    @Test func routineFaultsAreValues() async throws {
        let (supervisor, transport) = client(
            SupervisorSamples.ok, SupervisorSamples.fault(90, "ALREADY_ADDED: a"), SupervisorSamples.fault(10, "BAD_NAME: zzz"),
            SupervisorSamples.fault(60, "ALREADY_STARTED: a"), SupervisorSamples.fault(70, "NOT_RUNNING: a"),
            SupervisorSamples.fault(70, "NOT_RUNNING: a"), SupervisorSamples.fault(10, "BAD_NAME: a"))
        #expect(try await supervisor.addProcessGroup("a") == .done)
        #expect(try await supervisor.addProcessGroup("a") == .alreadyDone)
        #expect(try await supervisor.removeProcessGroup("zzz") == .absent)
        #expect(try await supervisor.startProcess("a") == .alreadyDone)
        #expect(try await supervisor.stopProcess("a") == .alreadyDone)
        #expect(try await supervisor.signalProcess("a", signal: "KILL") == .alreadyDone)
        #expect(try await supervisor.tailProcessStdoutLog("a") == .absent)
        #expect(transport.requests[5].body.map { String(decoding: $0, as: UTF8.self) }?.contains("<string>KILL</string>") == true)
    }

    @Test func otherFaultsAreTypedErrors() async throws {
        let (supervisor, _) = client(SupervisorSamples.fault(91, "STILL_RUNNING: a"))
        do {
            _ = try await supervisor.removeProcessGroup("a")
            Issue.record("expected a fault")
        } catch let error as Supervisor.Error {
            #expect(error.faultCode == .stillRunning)
            #expect(error.description == "supervisord supervisor.removeProcessGroup(a): STILL_RUNNING: a")
        }
    }

    @Test func missingSocketSaysSo() async {
        let transport = RecordingTransport([.failure(.cannotConnect(endpoint: "unix:///s.sock", reason: .noSuchFile))])
        let supervisor = Supervisor.Client(transport: transport, socketPath: "/s.sock")
        do {
            _ = try await supervisor.getAllProcessInfo()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "supervisord socket /s.sock not found — is the pool container running?")
        }
    }
}
