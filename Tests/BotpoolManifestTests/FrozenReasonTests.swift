import BotpoolManifest
import Testing

/// Every frozen bot carries the error that froze it, and every document whose bots are unknown
/// leaves its error behind, so status can say why a running bot is left alone.
@Suite struct FrozenReasonTests {
    func bot(_ name: String, spec extra: String = "") -> String {
        Fixtures.bot(extra).replacingOccurrences(of: "name: b", with: "name: \(name)")
    }

    @Test func aFrozenBotCarriesItsOwnDocumentsFirstError() {
        let set = Fixtures.load(bot("good") + "---\n" + bot("bad", spec: "  bogus: 1\n"))
        let bad = BotID(tenant: "default", name: "bad")
        #expect(set.frozenBots == [bad])
        let reason = set.frozenReasons[bad]?.description ?? ""
        #expect(reason.hasPrefix("m.yaml:16:3: error: spec.bogus: unknown field"), "\(reason)")
        #expect(set.frozenReasons[BotID(tenant: "default", name: "good")] == nil)
    }

    @Test func aCrossDocumentConflictIsTheReason() {
        let set = Fixtures.load(bot("twice") + "---\n" + bot("twice"))
        let reason = set.frozenReasons[BotID(tenant: "default", name: "twice")]?.description ?? ""
        #expect(reason.contains("duplicate Bot \"twice\""), "\(reason)")
    }

    @Test func aBotOfABrokenClassNamesTheClass() {
        let set = Fixtures.load(Fixtures.poolClass("  bogus: 1\n") + "---\n"
                                + bot("orphan").replacingOccurrences(of: "poolClass: quick", with: "poolClass: other"))
        let reason = set.frozenReasons[BotID(tenant: "default", name: "orphan")]?.description ?? ""
        #expect(reason.contains("PoolClass \"other\" is invalid"), "\(reason)")
    }

    @Test func aSyntaxErrorIsKeptAsTheFilesUnattributedError() {
        let set = Fixtures.load(bot("first") + "---\n" + "a: [\n")
        #expect(set.unattributedErrors.count == 1)
        #expect(set.unattributedErrors.first?.location.file == "m.yaml")
        #expect(set.hasUnattributedErrors)
        #expect(Fixtures.load(bot("fine")).unattributedErrors.isEmpty)
    }
}

@Suite struct EphemeralPortCheckTests {
    @Test func aClassInsideTheEphemeralRangeIsWarnedAboutNotRefused() {
        var set = Fixtures.load(files: [("classes.yaml", Fixtures.quickClass), ("other.yaml", Fixtures.poolClass())])
        set.warnAboutEphemeralPorts(range: 20_005...60_999)
        #expect(set.isValid)
        let warnings = set.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.description.hasPrefix("other.yaml:1:1: warning: spec.basePort: port range 20000-") == true,
                "\(warnings)")
        #expect(warnings.first?.message.contains("ephemeral port range 20005-60999") == true)
    }

    @Test func theHostRangeIsReadFromProc() throws {
        let range = try #require(EphemeralPortCheck.hostRange())
        #expect(range.lowerBound > 1024 && range.upperBound <= 65535)
        #expect(EphemeralPortCheck.hostRange(file: "/nonexistent") == nil)
    }
}
