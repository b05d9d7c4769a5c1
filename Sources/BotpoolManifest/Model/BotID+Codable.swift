/// `{"tenant": "alice", "name": "btc-dca"}` in plans and status JSON.
extension BotID: Codable {
    private enum CodingKeys: String, CodingKey {
        case tenant
        case name
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tenant: try container.decode(String.self, forKey: .tenant),
            name: try container.decode(String.self, forKey: .name)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tenant, forKey: .tenant)
        try container.encode(name, forKey: .name)
    }
}
