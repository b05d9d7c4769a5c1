import ArgumentParser
@testable import BotpoolCLI
import Foundation
import Testing

/// The daemon refuses, at start, token files others may read and tenant token files it cannot
/// trust to say whose token is whose.
@Suite struct TenantTokenFileTests {
    func write(_ text: String, mode: Int = 0o600, in root: String, name: String = "tenant-tokens") throws -> String {
        let path = root + "/" + name
        try CLIFixtures.write(text, to: path)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func refusal(_ body: () throws -> Void) -> String {
        do {
            try body()
        } catch let error as ValidationError {
            return error.message
        } catch {
            return "\(error)"
        }
        return "accepted"
    }

    @Test func oneLinePerTenant() throws {
        try CLIFixtures.withScratch { root in
            let path = try write("alice: al1ce-t0ken\nbob: \"b0b/+=\"\n", in: root)
            #expect(try TenantTokenFile.read(path, operatorToken: "op") == ["alice": "al1ce-t0ken", "bob": "b0b/+="])
        }
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o620, 0o660])
    func aFileGroupOrOthersMayReadOrWriteIsRefused(mode: Int) throws {
        try CLIFixtures.withScratch { root in
            let path = try write("alice: t\n", mode: mode, in: root)
            let message = refusal { _ = try TenantTokenFile.read(path, operatorToken: nil) }
            #expect(message == "--tenant-tokens \(path) has mode 0\(String(mode, radix: 8)): group or others may read or write it; "
                    + "chmod 600 \(path)")
            let operatorFile = try write("op\n", mode: mode, in: root, name: "token")
            let run = try RunCommand.parse(["--token-file", operatorFile])
            #expect(refusal { _ = try run.readTokens() }.hasPrefix("--token-file \(operatorFile) has mode 0\(String(mode, radix: 8))"))
        }
    }

    @Test(arguments: [
        ("- alice\n- bob\n", "expected a map of tenant: token"),
        ("", "expected a map of tenant: token"),
        ("alice: [a, b]\n", ":1: expected tenant: token"),
        ("Alice: t\n", ":1: tenant Alice: \"Alice\" is not a DNS-1123 label"),
        ("alice: \"\"\n", ":1: the token of alice must be non-empty printable ASCII without spaces"),
        ("alice: \"a b\"\n", ":1: the token of alice must be non-empty printable ASCII without spaces"),
        ("alice: same\nbob: same\n", ":2: tenants alice and bob have the same token"),
        ("alice: op\n", ":1: the token of alice is the operator's (--token-file)"),
        ("alice: [\n", "not valid YAML"),
    ])
    func aFileThatIsNotAMapOfTenantToTokenIsRefused(text: String, expected: String) throws {
        try CLIFixtures.withScratch { root in
            let path = try write(text, in: root)
            let message = refusal { _ = try TenantTokenFile.read(path, operatorToken: "op") }
            #expect(message.contains(expected), "\(message)")
            #expect(message.hasPrefix("--tenant-tokens \(path)"))
        }
    }

    @Test func runReadsBothFilesAndNeedsTheServerForTenantTokens() throws {
        try CLIFixtures.withScratch { root in
            let operatorFile = try write("op\n", in: root, name: "token")
            let tenants = try write("alice: al1ce\n", in: root)
            let tokens = try RunCommand.parse(["--token-file", operatorFile, "--tenant-tokens", tenants]).readTokens()
            #expect(tokens.operatorToken == "op" && tokens.tenantTokens == ["alice": "al1ce"])
            #expect(throws: (any Error).self) { try RunCommand.parse(["--tenant-tokens", tenants, "--listen", "none"]) }
        }
    }
}
