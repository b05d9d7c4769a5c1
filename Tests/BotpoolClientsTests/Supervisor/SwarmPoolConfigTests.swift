import BotpoolClients
import Testing

@Suite struct SwarmPoolConfigTests {
    @Test func aSwarmPoolListensOnTCPWithItsLoginAndLoadsThePlugin() throws {
        let login = try #require(Supervisor.Credentials(username: "botpool", password: "0123abcd"))
        let text = Supervisor.SwarmPoolConfig(pool: "p", credentials: login).render()
        let sections = text.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(sections == ["[inet_http_server]", "[supervisord]", "[rpcinterface:supervisor]", "[rpcinterface:botpool]", "[include]"])
        #expect(text.contains("[inet_http_server]\nport=0.0.0.0:9001\nusername=botpool\npassword=0123abcd\n"))
        #expect(text.contains("[rpcinterface:botpool]\nsupervisor.rpcinterface_factory = botpool_rpc:make_interface\n"))
        #expect(text.contains("pidfile=/botpool/run/supervisord.pid\nchildlogdir=/botpool/run\n"))
        #expect(text.contains("[include]\nfiles = /botpool/programs/*.conf\n"))
        #expect(!text.contains("zygote"))
    }

    @Test func aForkSwarmPoolRunsTheZygote() throws {
        let login = try #require(Supervisor.Credentials(username: "botpool", password: "0123abcd"))
        let fork = Supervisor.ForkRuntime(python: "/usr/bin/python3", preload: [])
        let text = Supervisor.SwarmPoolConfig(pool: "p", credentials: login, fork: fork).render()
        #expect(text.contains("[program:zygote.botpool]\ncommand='/usr/bin/python3' '/usr/local/lib/botpool/zygote.py' '--socket' '/botpool/run/zygote.sock'"))
    }

    /// The plugin's text is the module supervisord imports: its version answer is the one the client expects.
    @Test func thePluginAnswersTheProtocolVersionTheClientExpects() {
        #expect(Supervisor.SwarmPoolPlugin.source.contains("\nVERSION = \"\(Supervisor.SwarmPoolPlugin.protocolVersion)\"\n"))
        #expect(Supervisor.SwarmPoolPlugin.source.contains("\ndef make_interface(supervisord, **config):\n"))
    }
}
