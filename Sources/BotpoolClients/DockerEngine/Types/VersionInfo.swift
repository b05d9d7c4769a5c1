extension DockerEngine {
    /// `GET /version`.
    public struct VersionInfo: Sendable, Equatable, Decodable {
        public var version: String
        public var apiVersion: String
        public var minAPIVersion: String?
        public var os: String?
        public var arch: String?
        public var kernelVersion: String?

        enum CodingKeys: String, CodingKey {
            case version = "Version", apiVersion = "ApiVersion", minAPIVersion = "MinAPIVersion"
            case os = "Os", arch = "Arch", kernelVersion = "KernelVersion"
        }
    }
}
