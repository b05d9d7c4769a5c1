import BotpoolController
import Testing

@Suite struct StateLayoutTests {
    @Test func pathsFollowTheHostLayout() {
        let layout = StateLayout(path: "/var/lib/botpool")
        #expect(layout.supervisorSocket(pool: "botpool-q-alice-0").path
            == "/var/lib/botpool/pools/botpool-q-alice-0/supervisor/supervisor.sock")
        #expect(layout.programFile(pool: "p", bot: "b").path == "/var/lib/botpool/pools/p/supervisor/conf.d/b.conf")
        #expect(layout.dataDir(tenant: "alice", bot: "btc").path == "/var/lib/botpool/tenants/alice/bots/btc")
        #expect(StateLayout.containerDataDir(tenant: "alice", bot: "btc", sharedTenancy: false) == "/bots/btc")
        #expect(StateLayout.containerDataDir(tenant: "alice", bot: "btc", sharedTenancy: true) == "/tenants/alice/bots/btc")
    }
}
