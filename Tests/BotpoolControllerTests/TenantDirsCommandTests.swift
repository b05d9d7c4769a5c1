import ArgumentParser
@testable import BotpoolCLI
import Foundation
import Testing

/// `--tenant-dirs` reaches every command that loads the manifests directory.
@Suite struct TenantDirsCommandTests {
    /// The operator's class at the top, and a file in alice's directory declaring a bot of bob.
    func seedTrespass(_ root: String) throws {
        try CLIFixtures.write(CLIFixtures.poolClass(), to: root + "/manifests/class.yaml")
        try FileManager.default.createDirectory(atPath: root + "/manifests/alice", withIntermediateDirectories: true)
        try CLIFixtures.write(CLIFixtures.bot("a1", tenant: "alice") + "---\n" + CLIFixtures.bot("b9", tenant: "bob"),
                              to: root + "/manifests/alice/bots.yaml")
    }

    @Test func validateReportsABotOfAnotherTenantOnlyWithTheFlag() throws {
        try CLIFixtures.withScratch { root in
            try seedTrespass(root)
            let on = ValidateCommand.execute(paths: [root + "/manifests"], format: .text, tenantDirectories: true)
            #expect(on.exitCode == 1)
            #expect(on.stdout.contains("\(root)/manifests/alice/bots.yaml:16:11: error: metadata.tenant: Bot of tenant \"bob\" "
                                       + "in the directory of tenant \"alice\""), "\(on.stdout)")
            let off = ValidateCommand.execute(paths: [root + "/manifests"], format: .text)
            #expect(off.exitCode == 0, "\(off.stdout)")
        }
    }

    @Test func applyAndDeleteSeeTheDirectoryAsTheControllerDoes() throws {
        try CLIFixtures.withScratch { root in
            try seedTrespass(root)
            try CLIFixtures.write(CLIFixtures.bot("top", tenant: "bob"), to: root + "/new/top.yaml")
            guard case .success(let prepared) = ManifestApply(
                directory: root + "/manifests", tenantDirectories: true, paths: [root + "/new"]).prepare()
            else {
                Issue.record("a top-level file may declare any tenant's bots")
                return
            }
            #expect(prepared.warnings.count == 1)
            #expect(prepared.warnings.first?.contains("metadata.tenant") == true, "\(prepared.warnings)")
            guard case .success(let unchecked) = ManifestApply(directory: root + "/manifests", paths: [root + "/new"]).prepare()
            else { return }
            #expect(unchecked.warnings.isEmpty)
            let deleted = DeleteCommand.execute(files: [], target: ["bot", "a1"], tenant: "alice",
                                                manifests: root + "/manifests", tenantDirectories: true)
            #expect(deleted.exitCode == 0, "\(deleted.stderr)")
        }
    }

    @Test func theFlagAndTheEnvironmentVariableParse() throws {
        #expect(try ValidateCommand.parse(["--tenant-dirs", "m"]).tenancy.tenantDirs)
        #expect(try DiffCommand.parse(["--tenant-dirs"]).common.tenancy.tenantDirs)
        #expect(try RunCommand.parse(["--tenant-dirs", "--once"]).common.tenancy.tenantDirs)
        #expect(try ApplyCommand.parse(["--tenant-dirs", "-f", "x.yaml"]).common.tenancy.tenantDirs)
        #expect(try !ApplyCommand.parse(["-f", "x.yaml"]).common.tenancy.tenantDirs)
        #expect(try TenantDirsOption.parse("1") && TenantDirsOption.parse("true"))
        #expect(try !TenantDirsOption.parse(nil) && !TenantDirsOption.parse("") && !TenantDirsOption.parse("0"))
        #expect(throws: ValidationError.self) { try TenantDirsOption.parse("yes please") }
    }
}
