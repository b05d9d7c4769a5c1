import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// deploy/prometheus and deploy/grafana against a real Prometheus scraping a real `botpool run`.
    @Suite struct Monitoring {
        static let deploy = Botpool.packageRoot.appendingPathComponent("deploy")
        static var rules: String { deploy.appendingPathComponent("prometheus/botpool-alerts.yml").path }

        @Test func promtoolChecksTheRulesAndRunsTheirUnitTests() throws {
            let promtool = try PrometheusServer.tool("promtool")
            let check = try Command.run(promtool, ["check", "rules", Self.rules])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            // Rule files in a test file are relative to it: run from its directory.
            let tests = Self.deploy.appendingPathComponent("prometheus/botpool-alerts.test.yml").path
            let run = try Command.run("/bin/sh", ["-c", "cd \"$(dirname \"$1\")\" && exec \"$2\" test rules \"$(basename \"$1\")\"",
                                                  "sh", tests, promtool])
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            let config = try Command.run(promtool, ["check", "config", "--syntax-only",
                                                    Self.deploy.appendingPathComponent("prometheus/prometheus.yml").path])
            #expect(config.status == 0, "\(config.stdout)\(config.stderr)")
        }

        @Test func everyDashboardQueryAndAlertRuleWorksOnARealDaemon() async throws {
            let queries = try Self.dashboardQueries()
            #expect(queries.count >= 15, "dashboard queries: \(queries)")
            try await Fixture.with(class: "e2emon", basePort: 19860, maxBots: 4) { fixture in
                for name in ["red", "blue"] { try fixture.writeBot(name, tenant: "delta") }
                let daemon = try Daemon(fixture, extra: ["--resync", "2"])
                try await Poll.until("both bots Running", seconds: 60) {
                    let bots = try daemon.bots()
                    return bots.count == 2 && bots.values.allSatisfy { $0["phase"] as? String == "Running" } ? true : nil
                }
                let metrics = try daemon.get("/metrics")
                try Self.lint(metrics.body)

                try await PrometheusServer.with(scraping: "127.0.0.1:\(daemon.port)", tokenFile: daemon.tokenFile,
                                                ruleFiles: [Self.rules]) { prometheus in
                    let up = try await Poll.until("a scrape of the daemon", seconds: 30) {
                        try prometheus.query(#"up{job="botpool"} == 1"#).isEmpty ? nil : true
                    }
                    #expect(up)
                    // increase() and rate() need two samples: wait for every query, then say which stay empty.
                    var empty: [String] = []
                    _ = try? await Poll.until("every dashboard query to return series", seconds: 60, interval: .seconds(1)) {
                        empty = try queries.filter { try prometheus.query(Self.substitute($0)).isEmpty }
                        return empty.isEmpty ? true : nil
                    }
                    #expect(empty.isEmpty, "dashboard queries without series:\n\(empty.joined(separator: "\n"))\n/metrics:\n\(metrics.body)")

                    // Each alert rule evaluated against the daemon's series without an error.
                    let rules = try await Poll.until("every rule evaluated", seconds: 30) {
                        let rules = try Self.rules(prometheus)
                        return rules.count == 6 && rules.allSatisfy({ $0["health"] as? String == "ok" }) ? rules : nil
                    }
                    #expect(Set(rules.compactMap { $0["name"] as? String }) == [
                        "BotpoolControllerDown", "BotpoolPassFailing", "BotpoolBotCrashLooping", "BotpoolBotNotReady",
                        "BotpoolPoolMemoryHigh", "BotpoolManifestFrozen",
                    ])
                    let firing = rules.filter { $0["state"] as? String == "firing" }.compactMap { $0["name"] as? String }
                    #expect(firing.isEmpty, "alerts firing on a healthy controller: \(firing)")
                }
                #expect(try await daemon.terminate() == 0, "daemon log:\n\(daemon.logText)")
            }
        }

        /// Every `expr` of every panel of the dashboard.
        static func dashboardQueries() throws -> [String] {
            let data = try Data(contentsOf: deploy.appendingPathComponent("grafana/botpool-dashboard.json"))
            let dashboard = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            let panels = dashboard["panels"] as? [[String: Any]] ?? []
            return panels.flatMap { panel in
                (panel["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String }
            }
        }

        /// Grafana's variables as the dashboard's "All" would set them.
        static func substitute(_ query: String) -> String {
            query.replacingOccurrences(of: "$__rate_interval", with: "1m")
                .replacingOccurrences(of: "$job", with: ".+")
                .replacingOccurrences(of: "$instance", with: ".+")
        }

        /// `GET /api/v1/rules`: every rule of every group.
        static func rules(_ prometheus: PrometheusServer) throws -> [[String: Any]] {
            let groups = try prometheus.get("/api/v1/rules")["groups"] as? [[String: Any]] ?? []
            return groups.flatMap { $0["rules"] as? [[String: Any]] ?? [] }
        }

        /// `promtool check metrics`: Prometheus's own lint of names, units and help texts.
        static func lint(_ exposition: String) throws {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("bp-metrics-\(UUID().uuidString.prefix(8)).txt")
            try exposition.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let promtool = try PrometheusServer.tool("promtool")
            let lint = try Command.run("/bin/sh", ["-c", "exec \"$1\" check metrics < \"$2\"", "sh", promtool, file.path])
            #expect(lint.status == 0, "promtool check metrics:\n\(lint.stdout)\(lint.stderr)")
        }
    }
}
