import BotpoolClients
import Testing

@Suite struct ForkRuntimeTests {
    @Test func aForkPoolConfigRunsTheZygoteFirstAndKeepsItUp() {
        let fork = Supervisor.ForkRuntime(python: "/opt/freqtrade/bin/python3", preload: ["freqtrade.main", "pandas"])
        let text = Supervisor.PoolConfig(pool: "botpool-ft.alice-0", fork: fork).render()
        #expect(text.contains("[include]\nfiles = conf.d/*.conf"))
        #expect(text.contains("""
            [program:zygote.botpool]
            command='/opt/freqtrade/bin/python3' '/usr/local/lib/botpool/zygote.py' '--socket' '/botpool/run/zygote.sock' '--status-file' '/botpool/run/zygote.json' '--preload' 'freqtrade.main,pandas'
            priority=1
            autostart=true
            autorestart=true
            """))
        #expect(!Supervisor.PoolConfig(pool: "p").render().contains("zygote"))
    }

    @Test func aLearningZygoteReadsTheLearnedListFromTheReadOnlyConfigDir() {
        let fork = Supervisor.ForkRuntime(python: "/opt/freqtrade/bin/python3", preload: [], learns: true)
        #expect(fork.programSection().contains("""
            command='/opt/freqtrade/bin/python3' '/usr/local/lib/botpool/zygote.py' '--socket' '/botpool/run/zygote.sock' '--status-file' '/botpool/run/zygote.json' '--learn' '--learned-file' '/botpool/supervisor/zygote-learned.txt'
            """))
    }

    @Test func aForkBotRunsThroughTheLauncher() {
        #expect(Supervisor.ForkRuntime.launcherArgv(for: ["freqtrade", "webserver"])
            == ["/usr/local/bin/botpool-launch", "--socket", "/botpool/run/zygote.sock", "--", "freqtrade", "webserver"])
    }
}
