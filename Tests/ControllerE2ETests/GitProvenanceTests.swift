import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Git provenance through a real checkout: the manifests dir is a subdirectory of a
    /// repository `git` commits to, the daemon records each pass's commit and each bot's path,
    /// and a committed broken edit freezes its bot naming the bad commit.
    @Suite struct GitProvenance {
        @Test func eachBotNamesItsCommitAndPathAndABadCommitFreezesItsBot() async throws {
            try await Fixture.with(class: "e2egit", basePort: 19760, maxBots: 4) { fixture in
                let repo = fixture.root.path
                try Self.git(repo, ["init", "-q", "-b", "main"])
                try Self.git(repo, ["config", "user.name", "botpool e2e"])
                try Self.git(repo, ["config", "user.email", "e2e@botpool.invalid"])
                for name in ["red", "blue"] { try fixture.writeBot(name) }
                let good = try Self.commit(repo, "two bots")

                let daemon = try Daemon(fixture)
                let server = ["--server", "http://127.0.0.1:\(daemon.port)", "--token-file", daemon.tokenFile]
                let bots = try await Poll.until("status to name commit \(good)", seconds: 60) { () -> [String: [String: Any]]? in
                    let status = try daemon.status()
                    guard (status["lastPass"] as? [String: Any])?["commit"] as? String == good else { return nil }
                    let bots = try daemon.bots()
                    return bots.count == 2 && bots.values.allSatisfy { Self.manifest($0)["commit"] as? String == good } ? bots : nil
                }
                for name in ["red", "blue"] {
                    #expect(Self.manifest(bots[name])["path"] as? String == "manifests/alpha-\(name).yaml", "\(bots[name] ?? [:])")
                    #expect(Self.manifest(bots[name])["brokenIn"] == nil)
                }
                let wide = try Command.run(fixture.botpool, ["get", "bots", "-o", "wide"] + server)
                #expect(wide.status == 0, "\(wide.stderr)")
                #expect(wide.stdout.contains("MANIFEST") && wide.stdout.contains("COMMIT"), "\(wide.stdout)")
                #expect(wide.stdout.contains("manifests/alpha-red.yaml") && wide.stdout.contains(String(good.prefix(12))),
                        "\(wide.stdout)")
                let pids = try await Poll.until("both bots running", seconds: 60) { () -> [String: Int]? in
                    let pids = try await fixture.pids()
                    return pids.count == 2 ? pids : nil
                }

                // A broken edit of red's file, committed in the checkout as CI would. A pass that
                // reads the edit before the commit sees it uncommitted and names no commit yet
                // (`commit -a` moves the branch before it writes the index: no staged-only moment).
                try fixture.writeBot("red", extra: "  restartPolicy: Sometimes\n")
                try Self.git(repo, ["commit", "-q", "-a", "-m", "break red"])
                let bad = try Self.git(repo, ["rev-parse", "HEAD"])
                let frozen = try await Poll.until("red frozen in commit \(bad)", seconds: 60) { () -> [String: [String: Any]]? in
                    let bots = try daemon.bots()
                    guard bots["red"]?["phase"] as? String == "Frozen", Self.manifest(bots["red"])["brokenIn"] as? String == bad,
                          Self.manifest(bots["blue"])["commit"] as? String == bad
                    else { return nil }
                    return bots
                }
                let red = Self.manifest(frozen["red"])
                #expect(red["lastGoodCommit"] as? String == good, "\(red)")
                #expect(red["commit"] as? String == bad && red["path"] as? String == "manifests/alpha-red.yaml", "\(red)")
                #expect(Self.manifest(frozen["blue"])["brokenIn"] == nil, "\(frozen["blue"] ?? [:])")
                #expect((try daemon.status()["lastPass"] as? [String: Any])?["commit"] as? String == bad)

                let wideAfter = try Command.run(fixture.botpool, ["get", "bots", "-o", "wide"] + server)
                #expect(wideAfter.stdout.contains("broken in \(bad.prefix(12)), last good \(good.prefix(12))"), "\(wideAfter.stdout)")
                let described = try Command.run(fixture.botpool, ["describe", "bot", "red", "--tenant", "alpha", "--state-dir", fixture.state] + server)
                #expect(described.stdout.contains("Broken in:      \(bad) "), "\(described.stdout)\(described.stderr)")
                #expect(described.stdout.contains("Last good:      \(good) "), "\(described.stdout)")
                // Frozen: left exactly as it runs.
                #expect(try await fixture.pids()["red"] == pids["red"])
                #expect(try await daemon.terminate() == 0, "daemon log:\n\(daemon.logText)")
            }
        }

        static func manifest(_ bot: [String: Any]?) -> [String: Any] {
            bot?["manifest"] as? [String: Any] ?? [:]
        }

        @discardableResult
        static func git(_ repo: String, _ arguments: [String]) throws -> String {
            let result = try Command.run("git", ["-C", repo] + arguments)
            guard result.status == 0 else {
                Issue.record("git \(arguments.joined(separator: " ")): \(result.stderr)")
                throw CocoaError(.fileReadUnknown)
            }
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Commits the manifests dir (not the state dir beside it); the new commit's id.
        static func commit(_ repo: String, _ message: String) throws -> String {
            try git(repo, ["add", "manifests"])
            try git(repo, ["commit", "-q", "-m", message])
            return try git(repo, ["rev-parse", "HEAD"])
        }
    }
}
