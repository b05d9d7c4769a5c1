extension DockerEngine {
    /// A Docker API version such as `1.41`, ordered numerically (1.9 < 1.41).
    public struct APIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var major: Int
        public var minor: Int

        public init(_ major: Int, _ minor: Int) {
            self.major = major
            self.minor = minor
        }

        public init?(_ text: String) {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
            self.init(major, minor)
        }

        public var description: String { "\(major).\(minor)" }

        public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool {
            (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
        }
    }
}
