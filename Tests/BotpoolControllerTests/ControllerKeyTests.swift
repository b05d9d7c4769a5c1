import BotpoolController
import Foundation
import Testing

@Suite struct ControllerKeyTests {
    @Test func theKeyIsMadeOnceWithMode0600AndReadBackTheSame() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let layout = StateLayout(root: dir)
        #expect(ControllerKey.existing(layout) == nil)
        let first = try ControllerKey.load(layout)
        let second = try ControllerKey.load(layout)
        #expect(first.specDigest("abc") == second.specDigest("abc"))
        #expect(ControllerKey.existing(layout)?.specDigest("abc") == first.specDigest("abc"))
        let mode = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(ControllerKey.fileName).path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// Without the key a digest confirms no guess: two keys give unrelated digests of one spec,
    /// and each pool's login differs.
    @Test func digestsDependOnTheKeyAndThePurpose() {
        let one = ControllerKey(bytes: Data(repeating: 1, count: 32))
        let two = ControllerKey(bytes: Data(repeating: 2, count: 32))
        #expect(one.specDigest("spec") != two.specDigest("spec"))
        #expect(one.specDigest("spec").count == 12)
        #expect(one.supervisorCredentials(pool: "a")?.password != one.supervisorCredentials(pool: "b")?.password)
        #expect(one.supervisorCredentials(pool: "a")?.password != two.supervisorCredentials(pool: "a")?.password)
        #expect(one.digest("spec", "x") != one.digest("supervisord", "x"))
    }

    /// Running pools' supervisord logins are these digests: their text must never change.
    /// Expected from Python: hmac.new(bytes([1]*32), b"spec\x00x", hashlib.sha256).hexdigest().
    @Test func aDigestIsTheLowercaseHexHMACSHA256() {
        let key = ControllerKey(bytes: Data(repeating: 1, count: 32))
        #expect(key.digest("spec", "x") == "8ac1ef964dc965a4e8db0340e0320d6055c8495dbe35bf751e41724475b99285")
        #expect(key.digest("spec", "x", length: 12) == "8ac1ef964dc9")
    }
}
