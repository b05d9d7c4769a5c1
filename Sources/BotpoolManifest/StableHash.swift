/// FNV-1a, 64 bit. Swift's `Hasher` is seeded per process, so it cannot name a spec across
/// controller restarts; this can.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ string: String) {
        for byte in string.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        // A separator that cannot occur in UTF-8 keeps ["ab", "c"] apart from ["a", "bc"].
        value ^= 0xff
        value = value &* 0x0000_0100_0000_01b3
    }

    public mutating func combine(_ number: UInt64) {
        combine(String(number, radix: 16))
    }

    public static func of(_ parts: String...) -> UInt64 {
        var hash = StableHash()
        for part in parts { hash.combine(part) }
        return hash.value
    }

    /// 16 lower-case hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
