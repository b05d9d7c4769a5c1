import BotpoolManifest
import Testing

@Suite struct ValidManifestTests {
    @Test func minimalDocumentsGetEveryDefault() throws {
        let set = Fixtures.load(Fixtures.bot())
        #expect(set.diagnostics.isEmpty)
        let bot = try #require(set.bots.first)
        #expect(bot.id == BotID(tenant: "default", name: "b"))
        #expect(bot.labels.isEmpty)
        #expect(bot.spec == BotSpec(poolClass: "quick", command: ["run"]))
        #expect(bot.spec.state == .running)
        #expect(bot.spec.restartPolicy == .always)
        #expect(bot.spec.deletionPolicy == .retain)
        #expect(bot.spec.health == nil)
        #expect(bot.spec.memory == nil)
        #expect(bot.source == SourceLocation(file: "m.yaml", line: 1, column: 1))

        let poolClass = try #require(set.poolClasses.first)
        #expect(poolClass.name == "quick")
        #expect(poolClass.spec == PoolClassSpec(image: "botpool/pool:dev", memoryLimit: .gibibytes(1), basePort: 9000))
        #expect(poolClass.spec.maxBots == 10)
        #expect(poolClass.spec.maxPools == 20)
        #expect(poolClass.spec.publish == "127.0.0.1")
        #expect(poolClass.spec.tenancy == .dedicated)
        #expect(poolClass.spec.warmPools == 0)
        #expect(poolClass.spec.emptyPoolTTLSeconds == 900)
        #expect(poolClass.spec.runtime == .exec)
        #expect(poolClass.spec.cpus == nil)
        #expect(poolClass.spec.nodePlacement == .pack)
    }

    @Test func everyBotFieldIsDecoded() throws {
        let yaml = """
            apiVersion: botpool/v1
            kind: Bot
            metadata:
              name: btc-dca
              tenant: alice
              labels: {strategy: dca, example.com/team: quant}
            spec:
              poolClass: quick
              state: stopped
              command: ["sh", "-c", "echo '100%' \\"a,b\\" [x]"]
              env:
                ZED: "${BOTPOOL_PORT}:${BOTPOOL_TENANT}"
                ALPHA: {fromFile: /run/secrets/key}
                PCT: "%(here)s, \\"quoted\\" [section]"
              files:
                config.json: |
                  {"a": 1}
                notes.txt: plain
              resources: {memory: 300Mi}
              health:
                http: {path: /api/v1/ping}
                periodSeconds: 5
                timeoutSeconds: 2
                failureThreshold: 4
                initialDelaySeconds: 30
              restartPolicy: OnFailure
              deletionPolicy: Delete
            """
        let set = Fixtures.load(yaml)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        let bot = try #require(set.bots.first)
        #expect(bot.id == BotID(tenant: "alice", name: "btc-dca"))
        #expect(bot.labels == ["strategy": "dca", "example.com/team": "quant"])
        #expect(bot.spec == BotSpec(
            poolClass: "quick",
            state: .stopped,
            command: ["sh", "-c", "echo '100%' \"a,b\" [x]"],
            env: [
                EnvVar(name: "ZED", value: .literal("${BOTPOOL_PORT}:${BOTPOOL_TENANT}")),
                EnvVar(name: "ALPHA", value: .fromFile(path: "/run/secrets/key")),
                EnvVar(name: "PCT", value: .literal("%(here)s, \"quoted\" [section]")),
            ],
            files: [BotFile(name: "config.json", contents: "{\"a\": 1}\n"), BotFile(name: "notes.txt", contents: "plain")],
            memory: .mebibytes(300),
            health: HealthCheck(httpPath: "/api/v1/ping", periodSeconds: 5, timeoutSeconds: 2,
                                failureThreshold: 4, initialDelaySeconds: 30),
            restartPolicy: .onFailure,
            deletionPolicy: .delete
        ))
    }

    @Test func healthDefaults() throws {
        let set = Fixtures.load(Fixtures.bot("  health: {http: {path: /healthz}}\n"))
        let health = try #require(set.bots.first?.spec.health)
        #expect(health == HealthCheck(httpPath: "/healthz", periodSeconds: 10, timeoutSeconds: 1,
                                      failureThreshold: 3, initialDelaySeconds: 0))
    }

    /// The API user from `api.username`, else from the env FreqTrade reads; the password stays
    /// in env (botpool reads it from there, as FreqTrade does).
    @Test func freqtradeAPILogin() throws {
        let named = Fixtures.load(Fixtures.bot("""
              env: {FREQTRADE__API_SERVER__PASSWORD: {fromFile: /etc/botpool/secrets/default/pw}}
              freqtrade: {api: {username: botpool, periodSeconds: 5}}

            """))
        #expect(named.diagnostics.isEmpty, "\(named.diagnostics)")
        #expect(named.bots.first?.spec.freqtrade == FreqtradeAPI(username: "botpool", periodSeconds: 5))
        let fromEnv = Fixtures.load(Fixtures.bot("""
              env: {FREQTRADE__API_SERVER__USERNAME: trader, FREQTRADE__API_SERVER__PASSWORD: x}
              freqtrade: {}

            """))
        #expect(fromEnv.bots.first?.spec.freqtrade == FreqtradeAPI(username: "trader", periodSeconds: 10))
        #expect(Fixtures.load(Fixtures.bot()).bots.first?.spec.freqtrade == nil)
    }

    /// Always by default; WhenFlat with a FreqTrade API; Manual without one; drainTimeout 1h by default.
    @Test func disruptionPolicy() throws {
        #expect(Fixtures.load(Fixtures.bot()).bots.first?.spec.disruption == Disruption(policy: .always, drainTimeoutSeconds: 3600))
        let flat = Fixtures.load(Fixtures.bot("""
              env: {FREQTRADE__API_SERVER__PASSWORD: x}
              freqtrade: {api: {username: botpool}}
              disruption: {policy: WhenFlat, drainTimeout: 30m}

            """))
        #expect(flat.diagnostics.isEmpty, "\(flat.diagnostics)")
        #expect(flat.bots.first?.spec.disruption == Disruption(policy: .whenFlat, drainTimeoutSeconds: 1800))
        let manual = Fixtures.load(Fixtures.bot("  disruption: {policy: Manual}\n"))
        #expect(manual.diagnostics.isEmpty, "\(manual.diagnostics)")
        #expect(manual.bots.first?.spec.disruption.policy == .manual)
    }

    @Test func everyPoolClassFieldIsDecoded() throws {
        let set = Fixtures.load(Fixtures.poolClass("""
              maxBots: 4
              maxPools: 3
              memoryLimit: 2G
              cpus: 1.5
              publish: "::1"
              tenancy: shared
              warmPools: 1
              emptyPoolTTL: 1h30m
              runtime:
                fork: {python: /opt/ft/bin/python3, preload: [freqtrade.main, numpy]}
              nodePlacement: spread

            """))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        let poolClass = try #require(set.poolClasses.first { $0.name == "other" })
        #expect(poolClass.spec == PoolClassSpec(
            image: "img", maxBots: 4, memoryLimit: ByteCount(bytes: 2_000_000_000), cpus: 1.5, basePort: 20000,
            maxPools: 3, publish: "::1", tenancy: .shared, warmPools: 1, emptyPoolTTLSeconds: 5400,
            runtime: .fork(python: "/opt/ft/bin/python3", preload: ["freqtrade.main", "numpy"]), nodePlacement: .spread
        ))
    }

    /// `preload: auto` learns; `auto` in a list learns on top of the list; the learn flag is in
    /// the template hash only as the word written, so a class that does not learn keeps its hash.
    @Test(arguments: [
        ("auto", [String](), true), ("[freqtrade.main, auto]", ["freqtrade.main"], true),
        ("[freqtrade.main]", ["freqtrade.main"], false),
    ])
    func preloadAutoLearns(text: String, modules: [String], learns: Bool) throws {
        let set = Fixtures.load(Fixtures.poolClass("  runtime:\n    fork: {python: /p, preload: \(text)}\n"))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        let spec = try #require(set.poolClasses.first { $0.name == "other" }?.spec)
        #expect(spec.runtime == .fork(python: "/p", preload: modules, learns: learns))
        var listed = spec
        listed.runtime = .fork(python: "/p", preload: modules + (learns ? ["auto"] : []))
        #expect(spec.templateHash == listed.templateHash)
        if learns {
            listed.runtime = .fork(python: "/p", preload: modules)
            #expect(spec.templateHash != listed.templateHash, "turning learning on or off makes a new zygote command")
        }
    }

    @Test(arguments: [("pack", NodePlacement.pack), ("spread", .spread), ("\"spread\"", .spread)])
    func nodePlacements(text: String, placement: NodePlacement) {
        let set = Fixtures.load(Fixtures.poolClass("  nodePlacement: \(text)\n"))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(set.poolClasses.first { $0.name == "other" }?.spec.nodePlacement == placement)
    }

    /// It only picks the node of a new pool, so setting it must not replace the running pools.
    @Test func nodePlacementLeavesTheTemplateHashAlone() {
        let pack = PoolClassSpec(image: "img", basePort: 20000)
        var spread = pack
        spread.nodePlacement = .spread
        #expect(pack.templateHash == spread.templateHash)
    }

    @Test(arguments: [
        ("300Mi", 300 << 20), ("1Gi", 1 << 30), ("512M", 512_000_000), ("1G", 1_000_000_000),
        ("1000Ki", 1_024_000), ("1024", 1024), ("\"4096\"", 4096), ("0", 0),
    ] as [(String, Int64)])
    func quantities(text: String, bytes: Int64) {
        let set = Fixtures.load(Fixtures.bot("  resources: {memory: \(text)}\n"))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(set.bots.first?.spec.memory == ByteCount(bytes: bytes))
    }

    @Test(arguments: [("15m", 900), ("90s", 90), ("1h30m", 5400), ("0", 0), ("\"2h\"", 7200), ("1h2m3s", 3723)])
    func durations(text: String, seconds: Int) {
        let set = Fixtures.load(Fixtures.poolClass("  emptyPoolTTL: \(text)\n"))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(set.poolClasses.first { $0.name == "other" }?.spec.emptyPoolTTLSeconds == seconds)
    }

    @Test func publishMayBeEmpty() {
        let set = Fixtures.load(Fixtures.poolClass("  publish: \"\"\n  runtime: {exec: {}}\n"))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(set.poolClasses.first { $0.name == "other" }?.spec.publish == "")
    }

    @Test func multiDocumentFilesSkipEmptyDocuments() {
        let yaml = "---\n---\n" + Fixtures.bot() + "---\n# only a comment\n---\n"
            + Fixtures.bot().replacingOccurrences(of: "name: b", with: "name: c") + "...\n"
        let set = Fixtures.load(yaml)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(set.bots.map(\.name) == ["b", "c"])
        #expect(set.declaredBots == 2)
    }

    @Test func botsAreSortedByTenantThenName() {
        let set = Fixtures.load(files: [
            ("classes.yaml", Fixtures.quickClass),
            ("z.yaml", Fixtures.bot().replacingOccurrences(of: "name: b", with: "name: a\n  tenant: zed")),
            ("a.yaml", Fixtures.bot().replacingOccurrences(of: "name: b", with: "name: z")),
        ])
        #expect(set.bots.map(\.id.description) == ["default/z", "zed/a"])
    }

    @Test func warmPoolsAboveMaxPoolsIsAWarningOnly() {
        let set = Fixtures.load(Fixtures.poolClass("  maxPools: 2\n  warmPools: 3\n"))
        #expect(set.isValid)
        #expect(set.diagnostics.map(\.brief) == ["9:14 spec.warmPools: warmPools 3 exceeds maxPools 2"])
        #expect(set.diagnostics.first?.severity == .warning)
    }

    @Test func byteOrderMarkAndCRLFLineEndingsAreAccepted() {
        let text = "\u{FEFF}" + Fixtures.bot("  state: paused\n").replacingOccurrences(of: "\n", with: "\r\n")
        let set = Fixtures.load(text)
        #expect(set.errors.map(\.brief) == [#"8:10 spec.state: invalid value "paused"; must be one of running, stopped"#])
    }
}
