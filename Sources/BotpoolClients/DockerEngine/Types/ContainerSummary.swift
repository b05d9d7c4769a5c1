extension DockerEngine {
    /// One row of `GET /containers/json`.
    public struct ContainerSummary: Sendable, Equatable, Decodable {
        public var id: String
        /// Without the leading `/` the API puts there.
        public var name: String
        public var image: String
        /// `created`, `running`, `paused`, `restarting`, `removing`, `exited`, `dead`.
        public var state: String
        /// Human text such as `Up 3 minutes`.
        public var status: String
        public var labels: [String: String]
        public var created: Int
        /// The container's IPv4 address on each network it joined (`NetworkSettings.Networks`),
        /// by network name; a network without an address is left out.
        public var addresses: [String: String]

        enum CodingKeys: String, CodingKey {
            case id = "Id", names = "Names", image = "Image", state = "State", status = "Status"
            case labels = "Labels", created = "Created", networkSettings = "NetworkSettings"
        }

        private struct NetworkSettings: Decodable {
            struct Network: Decodable {
                var address: String?
                enum CodingKeys: String, CodingKey { case address = "IPAddress" }
            }
            var networks: [String: Network]?
            enum CodingKeys: String, CodingKey { case networks = "Networks" }
        }

        public init(id: String, name: String, image: String, state: String, status: String,
                    labels: [String: String], created: Int, addresses: [String: String] = [:]) {
            self.addresses = addresses
            self.id = id
            self.name = name
            self.image = image
            self.state = state
            self.status = status
            self.labels = labels
            self.created = created
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            let names = try container.decodeIfPresent([String].self, forKey: .names) ?? []
            name = names.first.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } ?? ""
            image = try container.decodeIfPresent(String.self, forKey: .image) ?? ""
            state = try container.decodeIfPresent(String.self, forKey: .state) ?? ""
            status = try container.decodeIfPresent(String.self, forKey: .status) ?? ""
            labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
            created = try container.decodeIfPresent(Int.self, forKey: .created) ?? 0
            let networks = (try? container.decodeIfPresent(NetworkSettings.self, forKey: .networkSettings))?.networks ?? [:]
            addresses = networks.compactMapValues { network in
                network.address.flatMap { $0.isEmpty ? nil : $0 }
            }
        }
    }
}
