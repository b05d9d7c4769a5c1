import BotpoolController
import BotpoolPlanner
import Foundation
import Testing

/// The names `/metrics` uses, against Prometheus's conventions, and the ones deploy/ relies on.
@Suite struct MetricNamesTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every family the controller makes; dashboards, alerts and the README name these.
    static let expected: Set<String> = [
        "botpool_build_info", "botpool_leader",
        "botpool_passes_total", "botpool_last_successful_pass_timestamp_seconds", "botpool_pass_duration_seconds",
        "botpool_planned_actions", "botpool_actions_total", "botpool_call_duration_seconds", "botpool_manifest_diagnostics",
        "botpool_pools", "botpool_pool_bots", "botpool_pool_memory_limit_bytes", "botpool_pool_memory_pss_bytes",
        "botpool_pool_processes",
        "botpool_bots", "botpool_bot_phase", "botpool_restarts_total",
        "botpool_bot_open_trades", "botpool_bot_trading_state", "botpool_bot_last_process_timestamp_seconds",
        "botpool_bot_change_waiting_since_timestamp_seconds",
    ]

    /// A registry holding every series the controller can make.
    static func exercised() -> ControllerMetrics {
        let metrics = ControllerMetrics()
        let pool = PoolView(name: "botpool-q.alice-0", poolClass: "q", tenant: "alice", index: 0, basePort: 9000,
                            state: "running", bots: 1, capacity: 10, templateHash: "t")
        let since = Date(timeIntervalSince1970: 1_700_000_000)
        let bot = BotView(name: "btc", tenant: "alice", pool: pool.name, port: 9000, phase: "Running",
                          conditions: [Condition(type: "WaitingForRollout", status: true, reason: "update waits", since: since)],
                          trading: TradingView(openTrades: 1, state: "running", lastProcessAt: since))
        metrics.setLeader(true)
        metrics.recordPass(duration: .milliseconds(120), finishedAt: 1_700_000_000)
        metrics.recordFailedPass()
        metrics.recordCall(system: "probe", seconds: 0.002)
        metrics.recordAction(kind: "placeBot", succeeded: true)
        metrics.recordRestart(tenant: "alice", bot: "btc")
        metrics.setPools([pool], memoryLimits: ["q": 1 << 30])
        metrics.setPoolMemory([pool.name: PoolMemory(pssBytes: 1 << 20, processes: 3)], pools: [pool])
        metrics.setBots([bot])
        metrics.setTrading([bot])
        return metrics
    }

    struct Family {
        var name: String
        var type = ""
        var help = ""
    }

    /// The families of an exposition, from its `# HELP` and `# TYPE` lines.
    static func families(_ text: String) -> [String: Family] {
        var families: [String: Family] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("# ") {
            let parts = line.split(separator: " ", maxSplits: 3).map(String.init)
            guard parts.count >= 3 else { continue }
            var family = families[parts[2]] ?? Family(name: parts[2])
            if parts[1] == "TYPE" { family.type = parts.count > 3 ? parts[3] : "" }
            if parts[1] == "HELP" { family.help = parts.count > 3 ? parts[3] : "" }
            families[parts[2]] = family
        }
        return families
    }

    /// Units that are not base units, as name components.
    static let nonBaseUnits: Set<String> = [
        "ms", "msec", "milliseconds", "us", "microseconds", "ns", "nanoseconds", "minutes", "hours", "days",
        "kb", "kib", "kilobytes", "mb", "mib", "megabytes", "gb", "gib", "gigabytes", "percent",
    ]

    @Test func everyMetricFollowsPrometheusNamingConventions() {
        let text = Self.exercised().render()
        let families = Self.families(text)
        #expect(Set(families.keys) == Self.expected, "\(text)")
        for family in families.values {
            let name = family.name
            #expect(name.wholeMatch(of: /botpool_[a-z][a-z0-9_]*[a-z0-9]/) != nil && !name.contains("__"), "\(name): not snake_case below botpool_")
            #expect(!family.help.isEmpty, "\(name): no HELP")
            #expect(["counter", "gauge", "histogram"].contains(family.type), "\(name): type \(family.type)")
            #expect((family.type == "counter") == name.hasSuffix("_total"), "\(name): only counters, and every counter, end in _total")
            if family.type == "histogram" {
                #expect(name.hasSuffix("_seconds") || name.hasSuffix("_bytes"), "\(name): a histogram of what unit?")
            }
            let components = Set(name.split(separator: "_").map(String.init))
            #expect(components.isDisjoint(with: Self.nonBaseUnits), "\(name): use base units (seconds, bytes)")
            #expect(name.hasSuffix("_timestamp_seconds") == family.help.contains("Unix time"),
                    "\(name): a moment is Unix time in seconds, named *_timestamp_seconds")
            if name.hasSuffix("_info") {
                #expect(family.type == "gauge")
                let values = text.split(separator: "\n").filter { $0.hasPrefix(name + "{") }.map { $0.split(separator: " ").last }
                #expect(!values.isEmpty && values.allSatisfy { $0.flatMap { Double($0) } == 1 }, "\(name) must be 1: \(values)")
            }
        }
    }

    @Test func aFreshControllerReportsEveryKnownLabelValueAtZero() {
        let text = ControllerMetrics().render()
        var wanted = [
            #"botpool_build_info{version="\#(BuildInfo.version)"} 1.0"#,
            #"botpool_passes_total{result="success"} 0"#, #"botpool_passes_total{result="failure"} 0"#,
            "botpool_last_successful_pass_timestamp_seconds 0.0", "botpool_pools 0.0",
            #"botpool_manifest_diagnostics{level="error"} 0.0"#, #"botpool_manifest_diagnostics{level="warning"} 0.0"#,
        ]
        wanted += BotPhase.allCases.map { #"botpool_bots{phase="\#($0.rawValue)"} 0.0"# }
        for kind in Action.Kind.allCases.map(\.rawValue) {
            wanted += [#"botpool_actions_total{kind="\#(kind)",result="success"} 0"#,
                       #"botpool_actions_total{kind="\#(kind)",result="failure"} 0"#,
                       #"botpool_planned_actions{kind="\#(kind)"} 0.0"#]
        }
        wanted += ControllerMetrics.callSystems.map { #"botpool_call_duration_seconds_count{system="\#($0)"} 0"# }
        let lines = Set(text.split(separator: "\n").map(String.init))
        let missing = wanted.filter { !lines.contains($0) }
        #expect(missing.isEmpty, "missing:\n\(missing.joined(separator: "\n"))\nin:\n\(text)")
    }

    @Test func perBotAndPerPoolSeriesFollowTheLastPass() {
        let metrics = ControllerMetrics()
        let pool = PoolView(name: "botpool-q.alice-0", poolClass: "q", tenant: "alice", index: 0, basePort: 9000,
                            state: "running", bots: 2, capacity: 10, templateHash: "t")
        metrics.setPools([pool], memoryLimits: ["q": 1 << 30])
        metrics.setBots([BotView(name: "btc", tenant: "alice", phase: "CrashLoopBackOff"),
                         BotView(name: "eth", tenant: "alice", phase: "Running")])
        metrics.setPlanned([])
        let text = metrics.render()
        for line in [
            #"botpool_bot_phase{tenant="alice",bot="btc",phase="CrashLoopBackOff"} 1.0"#,
            #"botpool_bot_phase{tenant="alice",bot="eth",phase="Running"} 1.0"#,
            #"botpool_restarts_total{tenant="alice",bot="btc"} 0"#,
            #"botpool_bots{phase="CrashLoopBackOff"} 1.0"#,
            #"botpool_pool_bots{pool="botpool-q.alice-0",class="q",tenant="alice"} 2.0"#,
            #"botpool_pool_memory_limit_bytes{pool="botpool-q.alice-0",class="q",tenant="alice"} 1073741824.0"#,
            "botpool_pools 1.0",
        ] {
            #expect(text.contains(line + "\n"), "\(line) not in:\n\(text)")
        }
        #expect(!text.contains(#"bot="btc",phase="Running""#), "one phase series per bot:\n\(text)")
        // A phase change moves the bot's one series to the new phase.
        metrics.setBots([BotView(name: "btc", tenant: "alice", phase: "Running")])
        let moved = metrics.render()
        #expect(moved.contains(#"botpool_bot_phase{tenant="alice",bot="btc",phase="Running"} 1.0"#), "\(moved)")
        #expect(!moved.contains(#"bot="btc",phase="CrashLoopBackOff""#), "\(moved)")
        metrics.setPools([], memoryLimits: [:])
        metrics.setBots([])
        let after = metrics.render()
        #expect(!after.contains(#"bot="btc""#) && !after.contains("botpool-q.alice-0"), "\(after)")
        #expect(after.contains(#"botpool_bots{phase="CrashLoopBackOff"} 0.0"#))
    }

    /// Every `botpool_*` name that deploy/ (and the README) uses is one the controller makes.
    @Test func theRulesTheDashboardAndTheREADMEUseOnlyMetricsTheControllerMakes() throws {
        for file in ["deploy/prometheus/botpool-alerts.yml", "deploy/prometheus/botpool-alerts.test.yml",
                     "deploy/grafana/botpool-dashboard.json", "README.md", "docs/runbook.md"] {
            let text = try String(contentsOf: Self.packageRoot.appendingPathComponent(file), encoding: .utf8)
            let used = Set(text.matches(of: /botpool_[a-z_]+[a-z]/).map { match in
                String(match.output).replacing(/_(bucket|sum|count)$/, with: "")
            })
            // botpool_token is the proxy's cookie, not a metric.
            let unknown = used.subtracting(Self.expected).subtracting(["botpool_token"])
            #expect(unknown.isEmpty, "\(file) names metrics the controller does not make: \(unknown.sorted())")
        }
    }

    /// Each alert has a summary, a description and a runbook_url whose anchor is a section of docs/runbook.md.
    @Test func everyAlertHasItsAnnotationsAndARunbookSection() throws {
        let rules = try String(contentsOf: Self.packageRoot.appendingPathComponent("deploy/prometheus/botpool-alerts.yml"), encoding: .utf8)
        let runbook = try String(contentsOf: Self.packageRoot.appendingPathComponent("docs/runbook.md"), encoding: .utf8)
        // GitHub's anchors: a heading lower-cased, spaces to dashes, other punctuation dropped.
        let anchors = Set(runbook.split(separator: "\n").filter { $0.hasPrefix("#") }.map { heading in
            String(heading.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces).lowercased()
                .replacingOccurrences(of: " ", with: "-").filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        })
        let blocks = rules.components(separatedBy: "- alert: ").dropFirst()
        #expect(blocks.count == 6)
        for block in blocks {
            let name = String(block.prefix(while: { !$0.isNewline }))
            for key in ["summary:", "description:", "runbook_url:", "expr:", "severity:"] {
                #expect(block.contains(key), "\(name) has no \(key)")
            }
            let url = block.firstMatch(of: /runbook_url: "([^"]+)"/).map { String($0.output.1) } ?? ""
            let anchor = url.components(separatedBy: "docs/runbook.md#").last ?? ""
            #expect(url.contains("docs/runbook.md#") && anchors.contains(anchor), "\(name): runbook_url \(url) names no section of docs/runbook.md")
            #expect(anchor == name.lowercased(), "\(name): its section should be named after it")
        }
    }
}
