import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Issue [5/5]: a fork PoolClass on the real FreqTrade image, through the controller.
    @Suite struct FreqtradeForkPool {
        static let basePort = 19500

        static let forkClass = """
            apiVersion: botpool/v1
            kind: PoolClass
            metadata:
              name: e2eft
            spec:
              image: botpool/freqtrade:dev
              maxBots: 10
              maxPools: 2
              memoryLimit: 4Gi
              basePort: \(basePort)
              publish: 127.0.0.1
              runtime:
                fork:
                  python: /opt/freqtrade/bin/python3
                  preload: [freqtrade.main, freqtrade.rpc.api_server.webserver]

            """

        static func bot(_ name: String, poolClass: String = "e2eft") -> String {
            """
            apiVersion: botpool/v1
            kind: Bot
            metadata:
              name: \(name)
              tenant: alpha
            spec:
              poolClass: \(poolClass)
              command: ["freqtrade", "webserver", "--config", "config.json", "--user-data-dir", "."]
              env:
                FREQTRADE__API_SERVER__LISTEN_PORT: "${BOTPOOL_PORT}"
                FREQTRADE__API_SERVER__LISTEN_IP_ADDRESS: "0.0.0.0"
              files:
                config.json: |
                  {"bot_name": "\(name)", "dry_run": true, "stake_currency": "USDT", "stake_amount": 10,
                   "max_open_trades": 1, "exchange": {"name": "binance", "pair_whitelist": ["BTC/USDT"]},
                   "pairlists": [{"method": "StaticPairList"}],
                   "entry_pricing": {"price_side": "same"}, "exit_pricing": {"price_side": "same"},
                   "api_server": {"enabled": true, "listen_ip_address": "127.0.0.1", "listen_port": 8080,
                                  "jwt_secret_key": "e2e-\(name)-secret-of-at-least-32-characters", "username": "botpool", "password": "e2e"}}
              health:
                http: {path: /api/v1/ping}
                timeoutSeconds: 2

            """
        }

        @Test func threeFreqtradeWebserverBotsForkFromOneZygoteAndAnswerPing() async throws {
            try await Fixture.with(class: "e2eft", basePort: Self.basePort) { fixture in
                try fixture.write("class.yaml", Self.forkClass)
                let bots = ["ft-a", "ft-b", "ft-c"]
                for bot in bots { try fixture.write("\(bot).yaml", Self.bot(bot)) }
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                #expect(Set(ports.values) == [Self.basePort, Self.basePort + 1, Self.basePort + 2])

                try fixture.converge()
                for (bot, port) in ports.sorted(by: { $0.key < $1.key }) {
                    let pong = try await Poll.until("\(bot) to answer /api/v1/ping on \(port)", seconds: 120) {
                        try Fixture.get(port: port, path: "/api/v1/ping")
                    }
                    #expect(pong.contains("pong"), "\(bot): \(pong)")
                }
                // The bots are children of the pool's zygote, not separate interpreters.
                let processes = try Command.run("docker", ["exec", "botpool-e2eft.alpha-0", "ps", "-eo", "pid,ppid,args"])
                let zygote = try #require(processes.stdout.split(separator: "\n").first { $0.contains("zygote.py") })
                let zygotePID = String(zygote.split(separator: " ", omittingEmptySubsequences: true)[0])
                let children = processes.stdout.split(separator: "\n").filter {
                    let fields = $0.split(separator: " ", omittingEmptySubsequences: true)
                    return fields.count > 1 && fields[1] == zygotePID
                }
                #expect(children.count == 3, "zygote children:\n\(processes.stdout)")
                try await Self.describeAndMetricsShowTheZygoteAndTheMemory(fixture, pool: "botpool-e2eft.alpha-0")

                let second = try fixture.runOnce()
                #expect(second.status == 0)
                #expect(try fixture.diff().status == 0, "a second pass must plan nothing")
            }
        }

        /// `describe pool` names the runtime, the zygote's state and its preload; the daemon's
        /// `/metrics` and status report the pool's memory as an independent sum over `docker top`.
        static func describeAndMetricsShowTheZygoteAndTheMemory(_ fixture: Fixture, pool: String) async throws {
            let described = try Command.run(fixture.botpool, ["describe", "pool", pool] + fixture.common)
            #expect(described.status == 0, "\(described.stderr)")
            let text = described.stdout
            #expect(text.contains("Runtime:        fork\n"), "\(text)")
            #expect(text.contains("Zygote:         RUNNING (pid "), "\(text)")
            #expect(text.contains("Python:         /opt/freqtrade/bin/python3 (3."), "\(text)")
            #expect(text.range(of: #"Preload:        freqtrade.main, freqtrade.rpc.api_server.webserver in \d+\.\d\d s, \d+ objects frozen"#,
                               options: .regularExpression) != nil, "\(text)")
            #expect(text.range(of: #"Memory:         \d+\.\dMi PSS in \d+ processes"#, options: .regularExpression) != nil, "\(text)")
            #expect(text.contains("serving on /botpool/run/zygote.sock"), "zygote log tail missing:\n\(text)")

            let daemon = try Daemon(fixture)
            try await Poll.until("/readyz", seconds: 60) { try daemon.get("/readyz").status == 200 ? true : nil }
            let metrics = try daemon.get("/metrics").body
            let prefix = "botpool_pool_memory_pss_bytes{pool=\"\(pool)\",class=\"e2eft\",tenant=\"alpha\"} "
            let line = try #require(metrics.split(separator: "\n").first { $0.hasPrefix(prefix) }, "no gauge:\n\(metrics)")
            let reported = try #require(Double(line.dropFirst(prefix.count)))
            let measured = try Self.summedPSS(container: pool)
            #expect(abs(reported - measured) / measured < 0.1, "metrics \(reported) B, docker top + smaps_rollup \(measured) B")
            let status = try daemon.status()
            let pools = try #require(status["pools"] as? [[String: Any]])
            let view = try #require(pools.first { $0["name"] as? String == pool })
            #expect(view["runtime"] as? String == "fork")
            #expect((view["zygote"] as? [String: Any])?["state"] as? String == "RUNNING")
            #expect(((view["zygote"] as? [String: Any])?["preloadSeconds"] as? Double ?? 0) > 0)
            #expect(((view["memory"] as? [String: Any])?["pssBytes"] as? Double ?? 0) > 0)
            #expect(try await daemon.terminate() == 0, "daemon log:\n\(daemon.logText)")
        }

        /// Host pids from `docker top`, Pss from each `/proc/PID/smaps_rollup`.
        static func summedPSS(container: String) throws -> Double {
            let top = try Command.run("docker", ["top", container, "-eo", "pid"])
            let pids = top.stdout.split(separator: "\n").dropFirst().compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            #expect(pids.count >= 5, "docker top: \(top.stdout)")
            var total = 0.0
            for pid in pids {
                guard let rollup = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8),
                      let line = rollup.split(separator: "\n").first(where: { $0.hasPrefix("Pss:") }),
                      let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true)[1])
                else { continue }
                total += kilobytes * 1024
            }
            return total
        }
    }
}
