@testable import BotpoolCLI
import Foundation
import Testing

@Suite struct DeleteCommandTests {
    let header = "# alice's bots: keep this comment\n"

    func seed(_ root: String) throws -> String {
        let bots = header + CLIFixtures.bot("a", tenant: "alice") + "---\n" + CLIFixtures.bot("b", tenant: "alice")
            + "--- # third\n" + CLIFixtures.bot("c", tenant: "alice")
        try CLIFixtures.write(CLIFixtures.poolClass(), to: root + "/manifests/class.yaml")
        try CLIFixtures.write(bots, to: root + "/manifests/alice.yaml")
        try CLIFixtures.write(CLIFixtures.bot("solo"), to: root + "/manifests/solo.yaml")
        return bots
    }

    /// The bot as NAME with --tenant, or as TENANT/NAME (as `restart` and `move` take it).
    @Test(arguments: [("b", "alice"), ("alice/b", "default")])
    func deletingABotKeepsTheOtherDocumentsByteForByte(bot: String, tenant: String) throws {
        try CLIFixtures.withScratch { root in
            _ = try seed(root)
            let outcome = DeleteCommand.execute(files: [], target: ["bot", bot], tenant: tenant, manifests: root + "/manifests")
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.hasPrefix("bot alice/b deleted (\(root)/manifests/alice.yaml: document removed)\n"))
            #expect(outcome.stdout.contains("next pass"))
            #expect(CLIFixtures.read(root + "/manifests/alice.yaml")
                    == header + CLIFixtures.bot("a", tenant: "alice") + "--- # third\n" + CLIFixtures.bot("c", tenant: "alice"))
        }
    }

    @Test func deletingTheFirstDocumentKeepsTheRest() throws {
        try CLIFixtures.withScratch { root in
            _ = try seed(root)
            let outcome = DeleteCommand.execute(files: [], target: ["bot", "a"], tenant: "alice", manifests: root + "/manifests")
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            #expect(CLIFixtures.read(root + "/manifests/alice.yaml")
                    == "---\n" + CLIFixtures.bot("b", tenant: "alice") + "--- # third\n" + CLIFixtures.bot("c", tenant: "alice"))
        }
    }

    @Test func aFileDeclaringOnlyThatBotIsRemoved() throws {
        try CLIFixtures.withScratch { root in
            _ = try seed(root)
            let outcome = DeleteCommand.execute(files: [], target: ["bot", "solo"], tenant: "default", manifests: root + "/manifests")
            #expect(outcome.stdout.hasPrefix("bot default/solo deleted (\(root)/manifests/solo.yaml: file removed)"))
            #expect(!FileManager.default.fileExists(atPath: root + "/manifests/solo.yaml"))
        }
    }

    @Test func anUnknownBotIsExit1WithItsTenant() throws {
        try CLIFixtures.withScratch { root in
            let before = try seed(root)
            let outcome = DeleteCommand.execute(files: [], target: ["bot", "a"], tenant: "default", manifests: root + "/manifests")
            #expect(outcome.exitCode == 1)
            #expect(outcome.stderr.hasPrefix("bot \"a\" not found in tenant default"))
            #expect(CLIFixtures.read(root + "/manifests/alice.yaml") == before)
        }
    }

    @Test func deleteByFileRemovesTheMatchingDocumentsWherever() throws {
        try CLIFixtures.withScratch { root in
            _ = try seed(root)
            try CLIFixtures.write(CLIFixtures.bot("c", tenant: "alice", greeting: "other text") + "---\n" + CLIFixtures.bot("solo"),
                                  to: root + "/new/gone.yaml")
            let outcome = DeleteCommand.execute(files: [root + "/new/gone.yaml"], target: [], tenant: "default",
                                                manifests: root + "/manifests")
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("bot alice/c deleted"))
            #expect(outcome.stdout.contains("bot default/solo deleted"))
            #expect(CLIFixtures.read(root + "/manifests/alice.yaml")
                    == header + CLIFixtures.bot("a", tenant: "alice") + "---\n" + CLIFixtures.bot("b", tenant: "alice"))
        }
    }

    @Test func aClassStillUsedIsNotDeleted() throws {
        try CLIFixtures.withScratch { root in
            _ = try seed(root)
            try CLIFixtures.write(CLIFixtures.poolClass(), to: root + "/new/class.yaml")
            let outcome = DeleteCommand.execute(files: [root + "/new/class.yaml"], target: [], tenant: "default",
                                                manifests: root + "/manifests")
            #expect(outcome.exitCode == 1)
            #expect(outcome.stderr.contains("refusing to delete"))
            #expect(FileManager.default.fileExists(atPath: root + "/manifests/class.yaml"))
        }
    }
}

@Suite struct ManifestDocumentsTests {
    @Test(arguments: [
        "",
        "a: 1\n",
        "---\na: 1\n---\nb: 2",
        "# c\n---\na: 1\n--- \nb: |\n  ---x\n  y\n...\n",
        "a: 1\r\n---\r\nb: 2\r\n",
    ])
    func cuttingGivesTheTextBackExactly(text: String) {
        #expect(ManifestDocuments.cut(text).joined() == text)
    }

    @Test func aDashLineInsideABlockScalarIsNotASeparator() throws {
        let text = CLIFixtures.bot("a") + "---\n" + "apiVersion: botpool/v1\nkind: Bot\nmetadata: {name: b}\nspec:\n  files:\n    x: |\n      ---not\n"
        let documents = try ManifestDocuments(path: "x.yaml", text: text)
        #expect(documents.identities == [.bot("a", tenant: "default"), .bot("b", tenant: "default")])
    }
}
