import BotpoolManifest
import Foundation
import Testing

/// The daemon's loader keeps decoded files between passes: what it returns must be exactly what
/// a fresh load returns, whatever changed in between.
@Suite struct ManifestFileCacheTests {
    static let classes = ManifestSource(path: "classes.yaml", text: Fixtures.quickClass)

    static func bots(_ names: [String], path: String = "bots.yaml", extra: String = "") -> ManifestSource {
        ManifestSource(path: path, text: names.map { name in
            Fixtures.bot(extra).replacingOccurrences(of: "name: b\n", with: "name: \(name)\n")
        }.joined(separator: "---\n"))
    }

    /// The same sources through the cached loader and a fresh one.
    static func both(_ loader: ManifestLoader, _ sources: [ManifestSource]) -> (cached: ManifestSet, fresh: ManifestSet) {
        (loader.load(sources: sources), ManifestLoader().load(sources: sources))
    }

    static func summary(_ set: ManifestSet) -> [String] {
        set.bots.map { "\($0.id) \($0.spec.env.count) \($0.source)" }.sorted()
            + set.diagnostics.map(\.description) + set.frozenBots.map { "frozen \($0)" }.sorted()
    }

    @Test func aCachedLoadEqualsAFreshOneThroughEditsRenamesAndDeletes() {
        let cache = ManifestFileCache()
        let loader = ManifestLoader(cache: cache)
        let steps: [[ManifestSource]] = [
            [Self.classes, Self.bots(["a", "b"])],
            [Self.classes, Self.bots(["a", "b"])],                           // unchanged: from the cache
            [Self.classes, Self.bots(["a", "b", "c"])],                      // an added document
            [Self.classes, Self.bots(["a", "b"], extra: "  env: {X: \"1\"}\n")],  // a changed spec
            [Self.classes, Self.bots(["a", "b"], extra: "  restartPolicy: Sometimes\n")],  // invalid: frozen bots
            [Self.classes, Self.bots(["a", "b"], path: "renamed.yaml")],     // the same bytes elsewhere
            [Self.classes, Self.bots(["a"]), Self.bots(["a"], path: "dup.yaml")],  // a duplicate across files
            [Self.classes],                                                  // deleted
        ]
        for (index, sources) in steps.enumerated() {
            let (cached, fresh) = Self.both(loader, sources)
            #expect(Self.summary(cached) == Self.summary(fresh), "step \(index)")
            #expect(cached.sourceFiles == fresh.sourceFiles, "step \(index)")
            #expect(cache.count == Set(sources.map(\.path)).count, "step \(index): files held")
        }
    }

    @Test func aTenantDirectoryChangeIsReadAgain() {
        let loader = ManifestLoader(cache: ManifestFileCache())
        let bots = Self.bots(["a"], path: "alice/bots.yaml")
        var asTenant = bots
        asTenant.tenantDirectory = "alice"
        let plain = loader.load(sources: [Self.classes, bots])
        let restricted = loader.load(sources: [Self.classes, asTenant])
        #expect(plain.bots.map(\.id.tenant) == ["default"])
        #expect(Self.summary(restricted) == Self.summary(ManifestLoader().load(sources: [Self.classes, asTenant])))
        #expect(Self.summary(restricted) != Self.summary(plain))
    }
}
