import BotpoolClients
import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import BotpoolTransport
import Logging
import Testing

@Suite struct StateLayoutTests {
    @Test func pathsFollowTheHostLayout() {
        let layout = StateLayout(path: "/var/lib/botpool")
        #expect(layout.supervisorSocket(pool: "botpool-q.alice-0").path
            == "/var/lib/botpool/pools/botpool-q.alice-0/run/supervisor.sock")
        #expect(layout.programFile(pool: "p", bot: "b").path == "/var/lib/botpool/pools/p/config/conf.d/b.conf")
        #expect(layout.dataDir(tenant: "alice", bot: "btc").path == "/var/lib/botpool/tenants/alice/bots/btc")
        #expect(StateLayout.containerDataDir(bot: "btc", slot: 3, sharedTenancy: false) == "/bots/btc")
        #expect(StateLayout.containerDataDir(bot: "btc", slot: 3, sharedTenancy: true) == "/slots/3")
        #expect(StateLayout.slotPath(pool: "botpool-s-0", slot: 3) == "pools/botpool-s-0/slots/3")
    }
}

/// Fails any request: the code under test must not reach Docker.
struct UnreachableTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        Issue.record("unexpected request \(request.path)")
        throw CancellationError()
    }
}

extension StateLayoutTests {
    @Test func aStateDirTooLongForTheSocketIsRefusedBeforeDockerIsAsked() async throws {
        let layout = StateLayout(path: "/tmp/" + String(repeating: "d", count: 80))
        let runtime = DockerBackend(
            docker: DockerEngine.Client(transport: UnreachableTransport(), apiVersion: DockerEngine.APIVersion(1, 41)),
            layout: layout, key: nil, metrics: ControllerMetrics(), logger: Logger(label: "test"))
        let pool = PoolTarget(poolClass: "quickstart", tenant: "default", index: 0)
        let desired = DesiredState(poolClasses: [PoolClass(name: "quickstart", spec: PoolClassSpec(image: "i", basePort: 9100))])
        do {
            try await runtime.execute(Action(kind: .createPool, pool: pool, reason: "test"),
                                      context: ActionContext(desired: desired, now: 0))
            Issue.record("expected the socket path to be refused")
        } catch let error as ControllerError {
            #expect(error.description.hasPrefix("pool botpool-quickstart.default-0: supervisord socket path /tmp/ddd"))
            #expect(error.description.hasSuffix("use a shorter --state-dir"))
        }
    }
}
