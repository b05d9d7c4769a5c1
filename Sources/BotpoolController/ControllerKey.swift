import BotpoolClients
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// 32 random bytes in `<state-dir>/controller.key` (0600, made on first use, never mounted into
/// a pool). Everything the controller derives from it is keyed, so nothing it shows or writes
/// can be checked offline by someone without the file:
/// - each pool's supervisord login (a pool that points its socket at another pool's gets 401);
/// - the spec digests shown by get, describe and the status API (a hash of a spec with a
///   secret in it would otherwise confirm guesses of that secret).
public struct ControllerKey: Sendable {
    public static let fileName = "controller.key"
    private let key: SymmetricKey

    public init(bytes: Data) {
        key = SymmetricKey(data: bytes)
    }

    /// Reads the state dir's key, making it first when there is none.
    public static func load(_ layout: StateLayout) throws -> ControllerKey {
        let path = layout.root.appendingPathComponent(fileName).path
        if let existing = read(path) { return ControllerKey(bytes: existing) }
        try AtomicFile.makeDirectories(layout.root.path)
        var bytes = SystemRandomNumberGenerator()
        let fresh = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &bytes) })
        // O_EXCL: two controllers starting together keep one key, the second reads the first's.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd < 0 {
            guard errno == EEXIST, let raced = read(path) else { throw ControllerError.file("cannot create \(path): errno \(errno)") }
            return ControllerKey(bytes: raced)
        }
        defer { close(fd) }
        let written = fresh.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == fresh.count, fsync(fd) == 0 else { throw ControllerError.file("cannot write \(path): errno \(errno)") }
        return ControllerKey(bytes: fresh)
    }

    /// The key when the file exists and is readable (`get` run by a user who cannot read it
    /// shows no digests rather than failing).
    public static func existing(_ layout: StateLayout) -> ControllerKey? {
        read(layout.root.appendingPathComponent(fileName).path).map(ControllerKey.init(bytes:))
    }

    private static func read(_ path: String) -> Data? {
        guard let data = FileManager.default.contents(atPath: path), data.count == 32 else { return nil }
        return data
    }

    /// Hex HMAC-SHA256 of `purpose` and `text`, cut to `length` characters.
    public func digest(_ purpose: String, _ text: String, length: Int = 64) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((purpose + "\u{0}" + text).utf8), using: key)
        // Hex by table: `String(format:)` per byte made this a seventh of a no-op pass at 1,000
        // bots (each bot's spec digest, each pass).
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in mac {
            hex.append(Self.hexDigits[Int(byte >> 4)])
            hex.append(Self.hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: hex.prefix(length), as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The login of `pool`'s supervisord.
    public func supervisorCredentials(pool: String) -> Supervisor.Credentials? {
        Supervisor.Credentials(username: "botpool", password: digest("supervisord", pool, length: 32))
    }

    /// What get, describe and the status API show for a spec fingerprint.
    public func specDigest(_ fingerprint: String) -> String {
        digest("spec", fingerprint, length: 12)
    }
}
