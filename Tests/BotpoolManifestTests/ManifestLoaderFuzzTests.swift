import BotpoolManifest
import Foundation
import FuzzSupport
import Testing

/// What a manifest author can write: the repository's examples and fixtures with bytes flipped,
/// lines said twice (duplicate keys), nesting past the cap, anchors and aliases, huge scalars and
/// broken UTF-8. The loader must never crash, must say where every problem is (file:line:col),
/// and must take bounded time; a tenant directory must hold.
@Suite struct ManifestLoaderFuzzTests {
    static let seeds: [[UInt8]] = {
        let files = ExampleManifestTests.directories.flatMap { directory -> [URL] in
            let url = Fixtures.packageRoot.appendingPathComponent(directory)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { $0.hasSuffix(".yaml") }.sorted().map { url.appendingPathComponent($0) }
        }
        let texts = files.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
            + [Fixtures.quickClass, Fixtures.bot("  env:\n    A: {fromFile: /etc/botpool/secrets/default/a}\n"),
               Fixtures.poolClass(), AliasBombTests.bomb(asKey: true)]
        return texts.map { Array($0.utf8) }
    }()

    static let mutator = ByteMutator(dictionary: [
        "&a ", "*a", "<<: *a\n", "? *a\n", "---\n", "...\n", "\n  ", "\n    ", "- ", "{", "}", "[", "]", ": ", ", ",
        "tenant: bob\n", "  tenant: alice\n", "kind: PoolClass\n", "kind: Bot\n", "metadata:\n", "spec:\n", "name: x\n",
        "!!binary ", "!!str ", "!!map ", "!<tag:x> ", "%YAML 1.1\n", "%TAG ! tag:x\n", "\t", "\u{FEFF}", "\"\\u0000\"",
        "\0", "\u{85}", "\u{2028}", "\u{FF}", "|\n", ">-\n", "'", "\"", "#", "99999999999999999999999", "-1", "0x10",
        "1e400", ".nan", "~", "null", "yes", "${BOTPOOL_PORT}", "../../etc/passwd", "fromFile: /etc/shadow",
    ])
    /// Invalid UTF-8: lone continuation, truncated sequences, overlong and surrogate encodings.
    static let brokenUTF8: [[UInt8]] = [[0xFF], [0x80], [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]

    /// Loads `bytes` (as `fuzz.yaml`, in tenant alice's directory when `tenant`) after the
    /// quickstart class, checks what must hold whatever the input, and returns how long it took.
    @discardableResult
    static func check(_ bytes: [UInt8], tenant: Bool = false) -> Duration {
        let file = tenant ? "m/alice/fuzz.yaml" : "m/fuzz.yaml"
        let sources = [ManifestSource(path: "m/classes.yaml", text: Fixtures.quickClass),
                       ManifestSource(path: file, contents: Data(bytes), tenantDirectory: tenant ? "alice" : nil)]
        var set = ManifestSet()
        let elapsed = ThreadCPUTime.measure { set = ManifestLoader().load(sources: sources) }
        let files = Set(sources.map(\.path))
        for diagnostic in set.diagnostics {
            #expect(files.contains(diagnostic.location.file) && diagnostic.location.line >= 1 && diagnostic.location.column >= 1,
                    "no position: \(diagnostic)")
            #expect(diagnostic.description.utf8.count <= 1024, "a diagnostic echoes the input: \(diagnostic.description.prefix(300))…")
        }
        #expect(set.frozenBots.isDisjoint(with: set.bots.map(\.id)))
        #expect(set.frozenBots.allSatisfy { set.frozenReasons[$0] != nil })
        #expect(set.isValid || !set.errors.isEmpty)
        if tenant {
            #expect(set.bots.allSatisfy { $0.source.file != file || $0.tenant == "alice" })
            #expect(set.poolClasses.allSatisfy { $0.source.file != file })
        }
        return elapsed
    }

    @Test func mutatedManifestsLoadOrSayWhereTheyBreak() async {
        await OffPool.run {
            var random = SplitMix64(seed: 0x3A_11F3)
            var slowest = Duration.zero
            for round in 0..<1200 {
                let input = Self.mutator.mutate(random.pick(Self.seeds) ?? [], using: &random)
                slowest = max(slowest, Self.check(input, tenant: round % 3 == 0))
            }
            #expect(slowest < .seconds(5), "slowest input took \(slowest)")
        }
    }

    @Test func everyLineSaidTwiceIsADuplicateKeyOrAValidDocument() async {
        await OffPool.run {
            for seed in Self.seeds.prefix(6) {
                for position in seed.indices where position == 0 || seed[position - 1] == UInt8(ascii: "\n") {
                    var bytes = seed
                    ByteMutator.repeatLine(at: position, in: &bytes)
                    Self.check(bytes)
                }
            }
        }
    }

    @Test func brokenUTF8IsReportedWithItsPosition() async {
        await OffPool.run {
            var random = SplitMix64(seed: 0x07F8)
            for _ in 0..<300 {
                var bytes = random.pick(Self.seeds) ?? []
                let position = Int.random(in: 0...bytes.count, using: &random)
                bytes.insert(contentsOf: random.pick(Self.brokenUTF8) ?? [], at: position)
                Self.check(bytes)
                let set = ManifestLoader().load(sources: [ManifestSource(path: "u.yaml", contents: Data(bytes))])
                #expect(set.errors.map(\.message) == ["file is not valid UTF-8"])
                #expect(set.hasUnattributedErrors)
            }
        }
    }

    @Test(arguments: [63, 64, 65, 1000, 100_000])
    func nestingPastTheCapIsAnErrorNotACrash(depth: Int) async {
        await OffPool.run {
            let flow = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
            let block = (0..<min(depth, 5000)).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " v\n"
            let sequence = String(repeating: "- ", count: depth) + "x\n"
            for text in [flow, block, sequence] {
                #expect(Self.check(Array(text.utf8)) < .seconds(5))
                #expect(Self.check(Array(Fixtures.bot("  files:\n    " + text.replacingOccurrences(of: "\n", with: "\n    ")).utf8)) < .seconds(5))
            }
        }
    }

    @Test func hugeScalarsAndAliasesAreBounded() async {
        await OffPool.run {
            let huge = String(repeating: "x", count: 4 << 20)
            let cases = [
                Fixtures.bot("  env:\n    A: \"\(huge)\"\n"),
                Fixtures.bot("  \(huge.prefix(1 << 20)): 1\n"),
                Fixtures.bot("").replacingOccurrences(of: "name: b", with: "name: \(huge.prefix(1 << 20))"),
                Fixtures.bot("  files:\n    big: |\n      \(huge)\n"),
                Fixtures.bot("").replacingOccurrences(of: "command: [run]", with: "command: [" + Array(repeating: "a", count: 100_000).joined(separator: ",") + "]"),
                Fixtures.bot("").replacingOccurrences(of: "poolClass: quick\n  command: [run]", with: "poolClass: &c quick\n  command: [*c]"),
                Fixtures.bot("  <<: {state: stopped}\n"),
                "a: &a [*a]\n",
                "&a a: *a\n",
            ]
            // Thread CPU time (see ThreadCPUTime): ~1 s for the slowest case in a debug build.
            for text in cases {
                #expect(Self.check(Array(text.utf8)) < .seconds(5))
            }
        }
    }

    @Test func byteSoupFailsWithAPosition() async {
        await OffPool.run {
            var random = SplitMix64(seed: 0x50_0C)
            for _ in 0..<500 {
                Self.check(Self.mutator.soup(count: Int.random(in: 0...800, using: &random), using: &random), tenant: random.chance(0.5))
            }
        }
    }
}
