/// A memory quantity in bytes, written in manifests as `300Mi`, `2Gi`, `512M` or a plain integer.
public struct ByteCount: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var bytes: Int64

    public init(bytes: Int64) {
        self.bytes = bytes
    }

    public static func mebibytes(_ n: Int64) -> ByteCount { ByteCount(bytes: n * 1024 * 1024) }
    public static func gibibytes(_ n: Int64) -> ByteCount { ByteCount(bytes: n * 1024 * 1024 * 1024) }

    public static func < (lhs: ByteCount, rhs: ByteCount) -> Bool { lhs.bytes < rhs.bytes }
    public static func + (lhs: ByteCount, rhs: ByteCount) -> ByteCount { ByteCount(bytes: lhs.bytes + rhs.bytes) }

    /// The largest binary unit that divides the value exactly (`300Mi`), else bytes.
    public var description: String {
        let units: [(String, Int64)] = [("Ti", 1 << 40), ("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)]
        for (suffix, size) in units where bytes != 0 && bytes % size == 0 {
            return "\(bytes / size)\(suffix)"
        }
        return "\(bytes)"
    }
}
