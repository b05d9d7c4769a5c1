import BotpoolClients
import DockerTestSupport
import Foundation
import Testing

/// The swarm pool's one channel for real: supervisord over TCP with a login, and the
/// `botpool.*` plugin writing program files and data dirs in a pool whose root has no
/// DAC_OVERRIDE, against bots that plant links.
@Suite(.serialized) struct SwarmPoolPluginTests {
    static let suite = "swarm-pool-plugin"
    static let alpha = 100_001
    static let beta = 100_002

    init() throws { try DockerEnvironment.prepare(suite: Self.suite) }

    @Test func theChannelRefusesAWrongLoginAndServesThePlugin() async throws {
        try await SwarmPool.with(suite: Self.suite) { pool in
            let wrong = try #require(Supervisor.Credentials(username: "botpool", password: "wrong"))
            let intruder = Supervisor.Client(endpoint: pool.endpoint, credentials: wrong)
            let error = await #expect(throws: Supervisor.Error.self) { try await intruder.pluginVersion() }
            #expect(String(describing: error).contains("HTTP 401"))
            #expect(try await pool.supervisor.pluginVersion() == Supervisor.SwarmPoolPlugin.protocolVersion)
        }
    }

    @Test func aBotsDirAndProgramAreWrittenAndItRunsAsItsUid() async throws {
        try await SwarmPool.with(suite: Self.suite) { pool in
            try await pool.supervisor.prepareData(name: "alpha", uid: Self.alpha, files: ["config.json": "{\"a\": 1}", "notes": "é\n"])
            #expect(try pool.output("stat -c '%u %g %a %F' /bots/alpha") == "100001 0 710 directory")
            #expect(try pool.output("stat -c '%u %g %a' /bots/alpha/config.json /bots/alpha/notes", as: Self.alpha)
                == "100001 100001 600\n100001 100001 600")
            #expect(try pool.output("cat /bots/alpha/config.json", as: Self.alpha) == "{\"a\": 1}")

            let program = Supervisor.BotProgram(name: "alpha", argv: ["sleep", "600"], env: ["GREETING": "hi there"],
                                                directory: "/bots/alpha", fingerprint: "f1", uid: Self.alpha)
            try await pool.supervisor.writeProgram(name: "alpha", text: try Supervisor.ProgramWriter.render(program))
            #expect(try pool.output("stat -c '%u %a' /botpool/programs/alpha.conf") == "0 600")
            #expect(try await pool.supervisor.reloadConfig().added == ["alpha"])
            #expect(try await pool.supervisor.addProcessGroup("alpha") == .done)
            let running = try await poll(seconds: 10) {
                try await pool.supervisor.getAllProcessInfo().first { $0.name == "alpha" && $0.state == .running }
            }
            #expect(try pool.output("ps -o uid=,gid=,args= -p \(running.pid)") == "100001 100001 sleep 600")

            _ = try await pool.supervisor.stopProcess("alpha")
            try await pool.supervisor.removeProgram(name: "alpha")
            try await pool.supervisor.removeProgram(name: "alpha")
            #expect(try await pool.supervisor.reloadConfig().removed == ["alpha"])
            #expect(try pool.output("ls -A /botpool/programs") == "")
        }
    }

    /// A writable root file and directory as decoys: only not following a link keeps them.
    @Test func linksABotPlantsAreReplacedOrRemovedNeverFollowed() async throws {
        try await SwarmPool.with(suite: Self.suite) { pool in
            try pool.plantDecoys()
            try await pool.supervisor.prepareData(name: "alpha", uid: Self.alpha, files: ["config.json": "{}"])
            try await pool.supervisor.prepareData(name: "beta", uid: Self.beta, files: ["secret": "beta's"])
            _ = try pool.output("""
                cd /bots/alpha && ln -sf /tmp/decoy config.json && ln -s /bots/beta/secret peer \
                && ln -s /bots/beta beta && ln -s /tmp/decoydir decoys && mkdir sub && ln -s /tmp/decoydir sub/deep
                """, as: Self.alpha)

            try await pool.supervisor.prepareData(name: "alpha", uid: Self.alpha, files: ["config.json": "new", "peer": "new"])
            #expect(try pool.output("stat -c '%F %u' config.json peer && cat config.json peer", as: Self.alpha, in: "/bots/alpha")
                == "regular file 100001\nregular file 100001\nnewnew")
            try pool.expectDecoysIntact()
            #expect(try pool.output("cat /bots/beta/secret", as: Self.beta) == "beta's")

            try await pool.supervisor.removeData(name: "alpha", uid: Self.alpha)
            #expect(try pool.output("ls -A /bots") == "beta")
            try pool.expectDecoysIntact()
            #expect(try pool.output("cat /bots/beta/secret", as: Self.beta) == "beta's")
        }
    }

    /// No bot can put a link into root's /bots; this guards against the controller's own mistakes.
    @Test func aLinkInPlaceOfTheBotsDirFaultsAndOnlyTheLinkIsRemoved() async throws {
        try await SwarmPool.with(suite: Self.suite) { pool in
            try pool.plantDecoys()
            _ = try pool.output("ln -s /tmp/decoydir /bots/gamma && echo x > /bots/delta")
            for name in ["gamma", "delta"] {
                let error = await #expect(throws: Supervisor.Error.self) {
                    try await pool.supervisor.prepareData(name: name, uid: Self.alpha, files: ["config.json": "{}"])
                }
                #expect(error?.faultCode == .failed)
            }
            #expect(try pool.output("readlink /bots/gamma && cat /bots/delta") == "/tmp/decoydir\nx")
            try pool.expectDecoysIntact()

            try await pool.supervisor.removeData(name: "gamma", uid: Self.alpha)
            try await pool.supervisor.removeData(name: "delta", uid: Self.alpha)
            try await pool.supervisor.removeData(name: "never-made", uid: Self.alpha)
            #expect(try pool.output("ls -A /bots") == "")
            try pool.expectDecoysIntact()
        }
    }

    /// A bot that moved to another port has a new uid; its tree, links and locked dirs
    /// included, becomes the new uid's without root following a link.
    @Test func aMovedBotsTreeIsReownedAndThenRemoved() async throws {
        try await SwarmPool.with(suite: Self.suite) { pool in
            try pool.plantDecoys()
            try await pool.supervisor.prepareData(name: "alpha", uid: Self.alpha, files: ["config.json": "{}"])
            _ = try pool.output("""
                cd /bots/alpha && mkdir -p open/locked && echo kept > open/locked/data && chmod 000 open/locked \
                && chmod 500 open && ln -s /tmp/decoy link && ln -s /tmp/decoydir dirlink
                """, as: Self.alpha)

            let moved = 100_099
            try await pool.supervisor.prepareData(name: "alpha", uid: moved, files: ["state": "moved"])
            #expect(try pool.output("stat -c '%u %g %a' /bots/alpha") == "100099 0 710")
            #expect(try pool.output("stat -c '%n %u %g %a' open open/locked link dirlink state", as: moved, in: "/bots/alpha") == """
                open 100099 100099 500
                open/locked 100099 100099 0
                link 100099 100099 777
                dirlink 100099 100099 777
                state 100099 100099 600
                """)
            try pool.expectDecoysIntact()

            try await pool.supervisor.removeData(name: "alpha", uid: moved)
            #expect(try pool.output("ls -A /bots") == "")
            try pool.expectDecoysIntact()
        }
    }

    @Test func badNamesUidsAndSizesAreRefused() async throws {
        try await SwarmPool.with(suite: Self.suite) { pool in
            let client = pool.supervisor
            var calls: [(String, () async throws -> Void)] = []
            for name in ["..", "../x", "a/b", ".hidden", "", String(repeating: "a", count: 64), "a\nb"] {
                calls.append(("writeProgram \(name)", { try await client.writeProgram(name: name, text: "") }))
                calls.append(("prepareData \(name)", { try await client.prepareData(name: name, uid: Self.alpha, files: [:]) }))
                calls.append(("file \(name)", { try await client.prepareData(name: "alpha", uid: Self.alpha, files: [name: ""]) }))
                calls.append(("removeData \(name)", { try await client.removeData(name: name, uid: Self.alpha) }))
            }
            let files = Dictionary(uniqueKeysWithValues: (0...64).map { ("f\($0)", "") })
            calls += [
                ("uid 0", { try await client.prepareData(name: "alpha", uid: 0, files: [:]) }),
                ("uid 165536", { try await client.removeData(name: "alpha", uid: 165_536) }),
                ("program text", { try await client.writeProgram(name: "alpha", text: String(repeating: "x", count: (256 << 10) + 1)) }),
                ("65 files", { try await client.prepareData(name: "alpha", uid: Self.alpha, files: files) }),
                ("file size", { try await client.prepareData(name: "alpha", uid: Self.alpha, files: ["f": String(repeating: "x", count: (1 << 20) + 1)]) }),
                ("total size", {
                    let big = String(repeating: "x", count: 1 << 20)
                    try await client.prepareData(name: "alpha", uid: Self.alpha, files: ["a": big, "b": big, "c": big, "d": big, "e": "x"])
                }),
            ]
            for (what, call) in calls {
                let error = await #expect(throws: Supervisor.Error.self, "\(what)") { try await call() }
                let code = error?.faultCode
                #expect(code == .badArguments, "\(what)")
            }
            let listing = try pool.output("ls -A /bots /botpool/programs")
            #expect(listing == "/botpool/programs:\n\n/bots:")
        }
    }
}

extension SwarmPool {
    /// Root's decoys anyone may write: `/tmp/decoy` and `/tmp/decoydir/keep`.
    func plantDecoys() throws {
        _ = try output("""
            echo decoy > /tmp/decoy && chmod 666 /tmp/decoy && mkdir -m 777 /tmp/decoydir \
            && echo keep > /tmp/decoydir/keep && chmod 666 /tmp/decoydir/keep
            """)
    }

    func expectDecoysIntact(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try output("cat /tmp/decoy && ls -A /tmp/decoydir && cat /tmp/decoydir/keep && stat -c %u /tmp/decoy")
            == "decoy\nkeep\nkeep\n0", sourceLocation: sourceLocation)
    }

    /// `output` of `command` run in `directory`.
    func output(_ command: String, as user: Int, in directory: String) throws -> String {
        try output("cd \(directory) && " + command, as: user)
    }
}
