import BotpoolManifest
import Foundation
import Testing

@Suite struct SpecFingerprintTests {
    let spec = BotSpec(
        poolClass: "quick",
        command: ["python3", "-m", "http.server"],
        env: [EnvVar(name: "FOO", value: .literal("1")), EnvVar(name: "KEY", value: .fromFile(path: "/run/k"))],
        files: [BotFile(name: "config.json", contents: "{}")]
    )

    @Test func encodedFormRoundTrips() throws {
        let fingerprint = SpecFingerprint(spec: spec)
        let decoded = try #require(SpecFingerprint(encoded: fingerprint.encoded))
        #expect(decoded == fingerprint)
        #expect(decoded.hash == fingerprint.hash)
        #expect(fingerprint.hash.count == 16)
    }

    @Test func tamperedEncodingIsRejected() {
        let encoded = SpecFingerprint(spec: spec).encoded
        #expect(SpecFingerprint(encoded: encoded.replacingOccurrences(of: "command=", with: "commanc=")) == nil)
        #expect(SpecFingerprint(encoded: "no colon") == nil)
    }

    @Test func changesNameTheComponents() {
        var edited = spec
        edited.env[0].value = .literal("2")
        edited.files.append(BotFile(name: "extra.txt", contents: "x"))
        let old = SpecFingerprint(spec: spec)
        let new = SpecFingerprint(spec: edited)
        #expect(new.hash != old.hash)
        #expect(new.changes(from: old) == ["env FOO", "file extra.txt"])
    }

    @Test func secretContentChangesTheHash() {
        let a = SpecFingerprint(spec: spec, secretDigests: ["KEY": 1])
        let b = SpecFingerprint(spec: spec, secretDigests: ["KEY": 2])
        #expect(a.changes(from: b) == ["env KEY"])
    }

    @Test func placementOnlyFieldsDoNotChangeTheHash() {
        var edited = spec
        edited.memory = .mebibytes(300)
        edited.restartPolicy = .never
        edited.health = HealthCheck(httpPath: "/")
        #expect(SpecFingerprint(spec: edited).hash == SpecFingerprint(spec: spec).hash)
    }

    @Test func deletionPolicyIsReadBackAndNamedAsAChange() throws {
        var deleting = spec
        deleting.deletionPolicy = .delete
        let fingerprint = try #require(SpecFingerprint(encoded: SpecFingerprint(spec: deleting).encoded))
        #expect(fingerprint.deletionPolicy == .delete)
        #expect(SpecFingerprint(spec: spec).deletionPolicy == .retain)
        #expect(fingerprint.changes(from: SpecFingerprint(spec: spec)) == ["deletionPolicy"])
    }
}
