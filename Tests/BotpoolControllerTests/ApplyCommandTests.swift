@testable import BotpoolCLI
import Foundation
import Testing

@Suite struct ApplyCommandTests {
    func apply(_ root: String, _ paths: [String]) -> CommandOutcome {
        switch ManifestApply(directory: root + "/manifests", paths: paths).prepare() {
        case .failure(let refusal):
            return .failure(refusal.lines.joined(separator: "\n"), exitCode: refusal.exitCode)
        case .success(let prepared):
            return ApplyCommand.execute(prepared, directory: root + "/manifests")
        }
    }

    @Test func writesEachFileUnderItsBaseNameAndLeavesNoTemporaryFile() throws {
        try CLIFixtures.withScratch { root in
            try CLIFixtures.write(CLIFixtures.poolClass(), to: root + "/new/class.yaml")
            try CLIFixtures.write(CLIFixtures.bot("btc-dca", tenant: "alice"), to: root + "/new/alice.yaml")
            let outcome = apply(root, [root + "/new"])
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            #expect(outcome.stdout == "poolclass clitest created\nbot alice/btc-dca created\n")
            #expect(CLIFixtures.read(root + "/manifests/alice.yaml") == CLIFixtures.bot("btc-dca", tenant: "alice"))
            let names = try FileManager.default.contentsOfDirectory(atPath: root + "/manifests").sorted()
            #expect(names == ["alice.yaml", "class.yaml"])
        }
    }

    @Test func sayingConfiguredUnchangedAndDeletedLikeKubectl() throws {
        try CLIFixtures.withScratch { root in
            try CLIFixtures.write(CLIFixtures.poolClass(), to: root + "/manifests/class.yaml")
            try CLIFixtures.write(CLIFixtures.bot("a") + "---\n" + CLIFixtures.bot("b") + "---\n" + CLIFixtures.bot("gone"),
                                  to: root + "/manifests/bots.yaml")
            try CLIFixtures.write(CLIFixtures.bot("a") + "---\n" + CLIFixtures.bot("b", greeting: "changed"),
                                  to: root + "/new/bots.yaml")
            let outcome = apply(root, [root + "/new/bots.yaml"])
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            #expect(outcome.stdout == """
                bot default/a unchanged
                bot default/b configured
                bot default/gone deleted (no longer in \(root)/manifests/bots.yaml)

                """)
        }
    }

    @Test func refusesAnInvalidFileAndPrintsEveryDiagnostic() throws {
        try CLIFixtures.withScratch { root in
            try CLIFixtures.write(CLIFixtures.poolClass(), to: root + "/manifests/class.yaml")
            let broken = CLIFixtures.bot("bad_name!").replacingOccurrences(of: "command:", with: "comand:")
            try CLIFixtures.write(broken, to: root + "/new/broken.yaml")
            let outcome = apply(root, [root + "/new/broken.yaml"])
            #expect(outcome.exitCode == 1)
            let errors = outcome.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
            #expect(errors.count >= 2, "\(outcome.stderr)")
            #expect(errors.allSatisfy { $0.hasPrefix(root + "/new/broken.yaml:") })
            #expect(outcome.stderr.contains("nothing was written"))
            #expect(!FileManager.default.fileExists(atPath: root + "/manifests/broken.yaml"))
        }
    }

    @Test func aBotNameAlreadyInAnotherFileOfTheDirectoryIsRefused() throws {
        try CLIFixtures.withScratch { root in
            try CLIFixtures.write(CLIFixtures.poolClass(), to: root + "/manifests/class.yaml")
            try CLIFixtures.write(CLIFixtures.bot("btc", tenant: "alice"), to: root + "/manifests/old.yaml")
            try CLIFixtures.write(CLIFixtures.bot("btc", tenant: "alice"), to: root + "/new/other.yaml")
            let outcome = apply(root, [root + "/new/other.yaml"])
            #expect(outcome.exitCode == 1)
            #expect(outcome.stderr.contains(root + "/new/other.yaml:"), "\(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: root + "/manifests/other.yaml"))
        }
    }

    @Test func aBotMayUseAClassOnlyTheDirectoryDeclares() throws {
        try CLIFixtures.withScratch { root in
            try CLIFixtures.write(CLIFixtures.poolClass(), to: root + "/manifests/class.yaml")
            try CLIFixtures.write(CLIFixtures.bot("eth"), to: root + "/new/eth.yaml")
            #expect(apply(root, [root + "/new/eth.yaml"]).exitCode == 0)
            // Alone, the same file does not validate.
            #expect(ValidateCommand.execute(paths: [root + "/new/eth.yaml"], format: .text).exitCode == 1)
        }
    }

    @Test func removingAClassOtherFilesUseIsRefused() throws {
        try CLIFixtures.withScratch { root in
            try CLIFixtures.write(CLIFixtures.poolClass(), to: root + "/manifests/class.yaml")
            try CLIFixtures.write(CLIFixtures.bot("eth"), to: root + "/manifests/eth.yaml")
            try CLIFixtures.write(CLIFixtures.poolClass("renamed"), to: root + "/new/class.yaml")
            let outcome = apply(root, [root + "/new/class.yaml"])
            #expect(outcome.exitCode == 1)
            #expect(outcome.stderr.contains(root + "/manifests/eth.yaml:"), "\(outcome.stderr)")
            #expect(CLIFixtures.read(root + "/manifests/class.yaml") == CLIFixtures.poolClass())
        }
    }

    @Test func onlyYAMLNamesAreAccepted() throws {
        try CLIFixtures.withScratch { root in
            try CLIFixtures.write(CLIFixtures.poolClass(), to: root + "/new/class.txt")
            let outcome = apply(root, [root + "/new/class.txt"])
            #expect(outcome.exitCode == 1)
            #expect(outcome.stderr.contains("only reads *.yaml and *.yml"))
        }
    }

    @Test func aMissingPathIsAnError() {
        CLIFixtures.withScratch { root in
            #expect(apply(root, [root + "/nope.yaml"]).exitCode == 2)
        }
    }
}
