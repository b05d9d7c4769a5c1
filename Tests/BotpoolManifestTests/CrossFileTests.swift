import BotpoolManifest
import Testing

/// Checks across documents and files, and which bots a failure freezes.
@Suite struct CrossFileTests {
    func bot(_ name: String, tenant: String? = nil, spec extra: String = "") -> String {
        let tenantLine = tenant.map { "\n  tenant: \($0)" } ?? ""
        return Fixtures.bot(extra).replacingOccurrences(of: "name: b", with: "name: \(name)\(tenantLine)")
    }

    @Test func duplicateBotAcrossFilesPointsAtTheSecondAndFreezesTheName() {
        let set = Fixtures.load(files: [
            ("classes.yaml", Fixtures.quickClass),
            ("a.yaml", bot("web", tenant: "alice")),
            ("b.yaml", bot("other") + "---\n" + bot("web", tenant: "alice")),
        ])
        #expect(set.errors.map(\.description) == [
            #"b.yaml:12:9: error: metadata.name: duplicate Bot "web" in tenant "alice"; first declared at a.yaml:4:9"#,
        ])
        #expect(set.frozenBots == [BotID(tenant: "alice", name: "web")])
        #expect(set.bots.map(\.name) == ["other"])
        #expect(!set.hasUnattributedErrors)
    }

    @Test func sameNameInTwoTenantsIsFine() {
        let set = Fixtures.load(files: [
            ("classes.yaml", Fixtures.quickClass),
            ("a.yaml", bot("web", tenant: "alice") + "---\n" + bot("web", tenant: "bob")),
        ])
        #expect(set.diagnostics.isEmpty)
        #expect(set.bots.map(\.id.description) == ["alice/web", "bob/web"])
    }

    @Test func duplicatePoolClassFreezesItsBots() {
        let set = Fixtures.load(files: [
            ("a.yaml", Fixtures.quickClass),
            ("b.yaml", Fixtures.quickClass.replacingOccurrences(of: "9000", with: "30000")),
            ("c.yaml", bot("web")),
        ])
        #expect(set.errors.map(\.description) == [
            #"b.yaml:4:9: error: metadata.name: duplicate PoolClass "quick"; first declared at a.yaml:4:9"#,
        ])
        #expect(set.poolClasses.isEmpty)
        #expect(set.frozenBots == [BotID(tenant: "default", name: "web")])
    }

    @Test func overlappingPortRangesAreReportedAtTheLaterClass() {
        let set = Fixtures.load(files: [
            ("a.yaml", Fixtures.quickClass),
            ("b.yaml", Fixtures.poolClass().replacingOccurrences(of: "20000", with: "9150")),
        ])
        #expect(set.errors.map(\.description) == [
            #"b.yaml:7:13: error: spec.basePort: port range 9150-9349 overlaps PoolClass "quick" (9000-9199, a.yaml:4:9)"#,
        ])
        #expect(set.poolClasses.isEmpty)
    }

    @Test func adjacentPortRangesDoNotOverlap() {
        let set = Fixtures.load(files: [
            ("a.yaml", Fixtures.quickClass),
            ("b.yaml", Fixtures.poolClass().replacingOccurrences(of: "20000", with: "9200")),
        ])
        #expect(set.diagnostics.isEmpty)
        #expect(set.poolClasses.map(\.name) == ["other", "quick"])
    }

    @Test func invalidBotIsFrozenNotDropped() {
        let set = Fixtures.load(bot("broken", tenant: "alice", spec: "  state: paused\n") + "---\n" + bot("fine"))
        #expect(set.frozenBots == [BotID(tenant: "alice", name: "broken")])
        #expect(set.bots.map(\.name) == ["fine"])
        #expect(!set.hasUnattributedErrors)
    }

    @Test func botOfAnInvalidPoolClassIsFrozenWithoutAnUnknownClassError() {
        let set = Fixtures.load(files: [
            ("classes.yaml", Fixtures.quickClass + "  maxBots: 0\n"),
            ("m.yaml", bot("web")),
        ])
        #expect(set.errors.map(\.brief) == ["9:12 spec.maxBots: 0 is out of range (must be >= 1)"])
        #expect(set.frozenBots == [BotID(tenant: "default", name: "web")])
        #expect(set.bots.isEmpty)
    }

    @Test func unreadableDocumentsMarkTheSetUnattributed() {
        for text in ["apiVersion: botpool/v1\nkind: Bot\nmetadata: {}\nspec: {}\n",  // no name
                     "kind: Robot\n",  // unknown kind
                     "a: [\n",  // syntax error
                     "- just a list\n"] {
            let set = Fixtures.load(text + "---\n")
            #expect(set.hasUnattributedErrors, "\(text)")
            #expect(set.frozenBots.isEmpty)
        }
    }

    @Test func documentsBeforeASyntaxErrorStillCount() {
        let set = Fixtures.load(bot("first") + "---\n" + "a: [\n")
        #expect(set.bots.map(\.name) == ["first"])
        #expect(set.hasUnattributedErrors)
    }

    @Test func nonUTF8FileIsADiagnosticAtTheBadByte() {
        var bytes = Array("apiVersion: botpool/v1\nkind: B".utf8)
        bytes += [0xff, 0xfe]
        let set = ManifestLoader().load(sources: [ManifestSource(path: "bin.yaml", contents: .init(bytes))])
        #expect(set.errors.map(\.description) == ["bin.yaml:2:8: error: file is not valid UTF-8"])
        #expect(set.hasUnattributedErrors)
    }

    @Test func deepNestingIsRefusedAtTheCap() {
        let set = Fixtures.load("a: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n")
        #expect(set.errors.map(\.brief) == ["1:67 : nesting deeper than 64 levels"])
        #expect(set.hasUnattributedErrors)
    }
}
