import BotpoolManifest
import Foundation
import Testing

/// `--tenant-dirs`: `manifests/<tenant>/**` declares only that tenant's Bots, PoolClasses live
/// only at the top; without the flag the directory layout means nothing.
@Suite struct TenantDirectoryTests {
    /// A Bot of class `quick`; `metadata.tenant` is on line 5 when `tenant` is given.
    static func bot(_ name: String, tenant: String?) -> String {
        "apiVersion: botpool/v1\nkind: Bot\nmetadata:\n  name: \(name)\n"
            + (tenant.map { "  tenant: \($0)\n" } ?? "")
            + "spec:\n  poolClass: quick\n  command: [run]\n"
    }

    func write(_ text: String, _ relative: String, in root: URL) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// The operator's class at the top, alice's and bob's bots in their own directories.
    func writeGoodLayout(in root: URL) throws {
        try write(Fixtures.quickClass, "classes.yaml", in: root)
        try write(Self.bot("a1", tenant: "alice"), "alice/bots.yaml", in: root)
        try write(Self.bot("a2", tenant: "alice"), "alice/deep/more.yml", in: root)
        try write(Self.bot("b1", tenant: "bob"), "bob/b1.yaml", in: root)
        try write(Self.bot("ops", tenant: "bob"), "operator-bots.yaml", in: root)
    }

    @Test func eachTenantDeclaresItsOwnBotsInItsDirectory() throws {
        try Fixtures.withTemporaryDirectory { root in
            try writeGoodLayout(in: root)
            let set = try ManifestLoader(tenantDirectories: true).load(paths: [root.path])
            #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
            #expect(set.bots.map(\.id.description) == ["alice/a1", "alice/a2", "bob/b1", "bob/ops"])
        }
    }

    @Test func aBotOfAnotherTenantIsAnErrorAtItsTenantField() throws {
        try Fixtures.withTemporaryDirectory { root in
            try writeGoodLayout(in: root)
            try write(Self.bot("b1", tenant: "bob") + "---\n" + Self.bot("b9", tenant: "bob") + "---\n"
                      + Self.bot("quiet", tenant: nil), "alice/evil.yaml", in: root)
            let set = try ManifestLoader(tenantDirectories: true).load(paths: [root.path])
            let file = root.path + "/alice/evil.yaml"
            let message = "Bot of tenant \"bob\" in the directory of tenant \"alice\"; files below alice/ may declare only tenant \"alice\""
            #expect(set.errors.map(\.description) == [
                "\(file):5:11: error: metadata.tenant: \(message)",
                "\(file):14:11: error: metadata.tenant: \(message)",
                "\(file):22:9: error: metadata.tenant: Bot of tenant \"default\" in the directory of tenant \"alice\"; "
                    + "files below alice/ may declare only tenant \"alice\"",
            ])
            // bob's own declaration of b1 wins; what only alice's file names is frozen, not removed.
            #expect(set.bots.map(\.id.description) == ["alice/a1", "alice/a2", "bob/b1", "bob/ops"])
            #expect(set.frozenBots == [BotID(tenant: "bob", name: "b9"), BotID(tenant: "default", name: "quiet")])
            #expect(set.frozenReasons[BotID(tenant: "bob", name: "b9")]?.location.line == 14)
            #expect(!set.hasUnattributedErrors)
            #expect(set.declaredBots == 7)
        }
    }

    @Test func aPoolClassInATenantDirectoryIsAnErrorAndUnused() throws {
        try Fixtures.withTemporaryDirectory { root in
            try writeGoodLayout(in: root)
            try write(Self.bot("a3", tenant: "alice").replacingOccurrences(of: "quick", with: "other") + "---\n"
                      + Fixtures.poolClass(), "alice/class.yaml", in: root)
            let set = try ManifestLoader(tenantDirectories: true).load(paths: [root.path])
            let file = root.path + "/alice/class.yaml"
            #expect(set.errors.map(\.description) == [
                "\(file):7:14: error: spec.poolClass: unknown PoolClass \"other\"",
                "\(file):13:9: error: kind: PoolClass \"other\" in the directory of tenant \"alice\"; "
                    + "PoolClasses belong in files at the top of the manifests directory",
            ])
            #expect(set.poolClasses.map(\.name) == ["quick"])
            #expect(set.frozenBots == [BotID(tenant: "alice", name: "a3")])
        }
    }

    @Test func aDirectoryThatIsNoTenantNameDeclaresNoBots() throws {
        try Fixtures.withTemporaryDirectory { root in
            try writeGoodLayout(in: root)
            try write(Self.bot("x", tenant: "default"), "Team_A/x.yaml", in: root)
            let set = try ManifestLoader(tenantDirectories: true).load(paths: [root.path])
            #expect(set.errors.count == 1)
            #expect(set.errors.first?.brief.hasPrefix("5:11 metadata.tenant: directory \"Team_A\" is not a tenant name") == true,
                    "\(set.errors)")
            #expect(set.frozenBots == [BotID(tenant: "default", name: "x")])
        }
    }

    @Test func withoutTheFlagTheLayoutMeansNothing() throws {
        try Fixtures.withTemporaryDirectory { root in
            try writeGoodLayout(in: root)
            try write(Self.bot("b9", tenant: "bob"), "alice/evil.yaml", in: root)
            try write(Fixtures.poolClass(), "alice/class.yaml", in: root)
            let set = try ManifestLoader().load(paths: [root.path])
            #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
            #expect(set.poolClasses.map(\.name) == ["other", "quick"])
            #expect(set.bots.map(\.id.description) == ["alice/a1", "alice/a2", "bob/b1", "bob/b9", "bob/ops"])
        }
    }

    @Test func theTenantDirectoryIsTheFirstComponentBelowTheRoot() {
        #expect(TenantDirectories.tenant(of: "m/alice/x.yaml", below: "m") == "alice")
        #expect(TenantDirectories.tenant(of: "m/alice/deep/x.yaml", below: "m/") == "alice")
        #expect(TenantDirectories.tenant(of: "m/x.yaml", below: "m") == nil)
        #expect(TenantDirectories.tenant(of: "other/alice/x.yaml", below: "m") == nil)
        #expect(TenantDirectories.tenant(of: "mm/alice/x.yaml", below: "m") == nil)
    }
}
