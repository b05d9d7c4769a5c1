import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Faults on the desired side: broken files, an emptied manifests dir, a full disk under the
    /// state dir while a bot is edited. Bots keep running, and status says why.
    @Suite struct ManifestFaults {
        @Test func brokenAndEmptiedManifestsLeaveBotsRunningAndShowThemFrozen() async throws {
            try await Fleet.with(class: "fault3", basePort: 21080) { fleet in
                let fixture = fleet.fixture
                let a4 = try String(contentsOfFile: fixture.manifests + "/alpha-a4.yaml", encoding: .utf8)
                let a5 = try String(contentsOfFile: fixture.manifests + "/alpha-a5.yaml", encoding: .utf8)

                // A YAML syntax error: a4's document is unknown, so a4 is Frozen with the error.
                var before = try await fleet.snapshot()
                try fixture.write("alpha-a4.yaml", a4 + "  broken: [unclosed\n")
                try fixture.write("alpha-a5.yaml", a5.replacingOccurrences(of: "spec:\n", with: "spec:\n  bogus: 1\n"))
                let frozen = try await Poll.until("a4 and a5 to show Frozen", seconds: 30) { () -> [String: [String: Any]]? in
                    let bots = try fleet.daemon.bots()
                    return bots["a4"]?["phase"] as? String == "Frozen" && bots["a5"]?["phase"] as? String == "Frozen" ? bots : nil
                }
                let syntax = frozen["a4"]?["reason"] as? String ?? ""
                #expect(syntax.contains("alpha-a4.yaml:"), "a4: \(syntax)")
                let unknown = frozen["a5"]?["reason"] as? String ?? ""
                #expect(unknown.contains("alpha-a5.yaml:") && unknown.contains("bogus"), "a5: \(unknown)")
                #expect(frozen["a4"]?["port"] as? Int == fleet.ports["a4"])
                // The CLI, reading the world without the daemon's memory, shows them too.
                let get = try Command.run(fixture.botpool, ["get", "bots", "-o", "json"] + fixture.common)
                let listed = try JSONSerialization.jsonObject(with: Data(get.stdout.utf8)) as? [[String: Any]] ?? []
                let cliA4 = listed.first { $0["name"] as? String == "a4" }
                #expect(cliA4?["phase"] as? String == "Frozen", "get bots: \(get.stdout)\(get.stderr)")
                let cliReason = cliA4?["reason"] as? String ?? ""
                #expect(cliReason.contains("alpha-a4.yaml:"), "get bots: \(get.stdout)")
                try fixture.write("alpha-a4.yaml", a4)
                try fixture.write("alpha-a5.yaml", a5)
                try await fleet.expectHealed(after: "broken manifests", from: before, hit: [])

                // The manifests dir emptied (an unmounted volume): the mass-delete guard holds.
                before = try await fleet.snapshot()
                let away = fixture.root.appendingPathComponent("away").path
                try FileManager.default.moveItem(atPath: fixture.manifests, toPath: away)
                try FileManager.default.createDirectory(atPath: fixture.manifests, withIntermediateDirectories: true)
                try await Poll.until("the pass to be refused", seconds: 30) {
                    fleet.daemon.logText.contains("plan refused") ? true : nil
                }
                try FileManager.default.removeItem(atPath: fixture.manifests)
                try FileManager.default.moveItem(atPath: away, toPath: fixture.manifests)
                try await fleet.expectHealed(after: "emptied manifests dir", from: before, hit: [])
            }
        }

        /// ENOSPC under the state dir while a bot's env is edited: the new files cannot be
        /// written, so the old bot keeps running and the failure shows on the bot and in
        /// /metrics; once there is room again the edit goes through.
        @Test func aFullDiskDuringAnEditLeavesTheOldBotRunning() async throws {
            var mounted = false
            try await Fleet.with(class: "fault4", basePort: 21120, prepareState: { fixture in
                try FileManager.default.createDirectory(atPath: fixture.state, withIntermediateDirectories: true)
                let mount = try Command.run("mount", ["-t", "tmpfs", "-o", "size=48m,mode=0700", "tmpfs", fixture.state])
                try #require(mount.status == 0, "mount tmpfs: \(mount.stderr)")
                mounted = true
            }) { fleet in
                let fixture = fleet.fixture
                defer { _ = try? Command.run("umount", ["-l", fixture.state]) }
                let before = try await fleet.snapshot()
                let filler = fixture.state + "/filler"
                let fill = try Command.run("dd", ["if=/dev/zero", "of=\(filler)", "bs=1M"])
                #expect(fill.stderr.contains("No space left on device"), "dd: \(fill.stderr)")

                let a3 = try String(contentsOfFile: fixture.manifests + "/alpha-a3.yaml", encoding: .utf8)
                try fixture.write("alpha-a3.yaml", a3.replacingOccurrences(of: "GREETING: \"hi\"", with: "GREETING: \"edited\""))
                let failed = try await Poll.until("the edit to fail", seconds: 30) { () -> String? in
                    (try fleet.daemon.bots()["a3"]?["lastError"] as? String).flatMap { $0.contains("no space left") ? $0 : nil }
                }
                #expect(failed.contains("updateBot"), "lastError: \(failed)")
                let a3Now = try await fleet.snapshot().processes["a3"]
                #expect(a3Now == before.processes["a3"], "a3 was stopped before its files were written")
                #expect(try Fixture.get(port: fleet.ports["a3"] ?? 0) == "ok a3 hi\n")
                let metrics = try fleet.daemon.get("/metrics").body
                #expect(metrics.contains(#"botpool_actions_total{kind="updateBot",result="failure"}"#), "\(metrics)")

                try FileManager.default.removeItem(atPath: filler)
                let port = try #require(fleet.ports["a3"])
                try await Poll.until("a3 to answer with its new env", seconds: 60) {
                    try Fixture.get(port: port) == "ok a3 edited\n" ? true : nil
                }
                try await fleet.expectHealed(after: "full disk during an edit", from: before, hit: ["a3"])
            }
            #expect(mounted)
        }
    }
}
