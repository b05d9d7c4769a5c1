extension DockerEngine {
    /// What `GET /networks/{id}` says about a network: enough to tell whose it is.
    public struct NetworkDetails: Sendable, Equatable, Decodable {
        public var id: String
        public var name: String
        public var driver: String
        public var labels: [String: String]
        /// Driver options, e.g. `com.docker.network.bridge.enable_icc`.
        public var options: [String: String]

        private enum CodingKeys: String, CodingKey {
            case id = "Id", name = "Name", driver = "Driver", labels = "Labels", options = "Options"
        }

        public init(id: String, name: String, driver: String, labels: [String: String], options: [String: String] = [:]) {
            self.id = id
            self.name = name
            self.driver = driver
            self.labels = labels
            self.options = options
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            name = try container.decode(String.self, forKey: .name)
            driver = try container.decodeIfPresent(String.self, forKey: .driver) ?? ""
            labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
            options = try container.decodeIfPresent([String: String].self, forKey: .options) ?? [:]
        }
    }
}
