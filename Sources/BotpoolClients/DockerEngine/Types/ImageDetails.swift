extension DockerEngine {
    /// The parts of `GET /images/{name}/json` botpool reads.
    public struct ImageDetails: Sendable, Equatable, Decodable {
        public var id: String
        public var repoTags: [String]
        public var created: String
        public var size: Int64
        public var labels: [String: String]
        /// `Config.Env`: what every container of the image starts with.
        public var env: [String]

        enum CodingKeys: String, CodingKey {
            case id = "Id", repoTags = "RepoTags", created = "Created", size = "Size", config = "Config"
        }

        struct Config: Decodable {
            var Labels: [String: String]?
            var Env: [String]?
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            repoTags = try container.decodeIfPresent([String].self, forKey: .repoTags) ?? []
            created = try container.decodeIfPresent(String.self, forKey: .created) ?? ""
            size = try container.decodeIfPresent(Int64.self, forKey: .size) ?? 0
            let config = try container.decodeIfPresent(Config.self, forKey: .config)
            labels = config?.Labels ?? [:]
            env = config?.Env ?? []
        }
    }
}
