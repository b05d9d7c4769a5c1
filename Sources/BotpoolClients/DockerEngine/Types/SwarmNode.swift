extension DockerEngine {
    /// A swarm node as `GET /nodes` describes it: what placement and `get nodes` need.
    public struct SwarmNode: Sendable, Equatable, Decodable {
        public var id: String
        /// `Version.Index`: an update must name the version it read.
        public var version: Int
        public var hostname: String
        /// `Spec.Labels`: the operator's node labels (placement constraints use them).
        public var labels: [String: String]
        /// `worker` or `manager`.
        public var role: String
        /// `active`, `pause` or `drain` (cordon).
        public var availability: String
        /// `ready`, `down`, `unknown` or `disconnected`.
        public var state: String
        /// The address other nodes reach it on.
        public var address: String
        public var nanoCPUs: Int64
        public var memoryBytes: Int64

        public init(id: String, version: Int, hostname: String, labels: [String: String] = [:], role: String = "worker",
                    availability: String = "active", state: String = "ready", address: String = "",
                    nanoCPUs: Int64 = 0, memoryBytes: Int64 = 0) {
            self.id = id
            self.version = version
            self.hostname = hostname
            self.labels = labels
            self.role = role
            self.availability = availability
            self.state = state
            self.address = address
            self.nanoCPUs = nanoCPUs
            self.memoryBytes = memoryBytes
        }

        private struct Wire: Decodable {
            struct Version: Decodable { var Index: Int }
            struct Spec: Decodable {
                var Labels: [String: String]?
                var Role: String?
                var Availability: String?
            }
            struct Description: Decodable {
                struct Resources: Decodable {
                    var NanoCPUs: Int64?
                    var MemoryBytes: Int64?
                }
                var Hostname: String?
                var Resources: Resources?
            }
            struct Status: Decodable {
                var State: String?
                var Addr: String?
            }
            struct ManagerStatus: Decodable { var Addr: String? }
            var ID: String
            var Version: Version
            var Spec: Spec?
            var Description: Description?
            var Status: Status?
            var ManagerStatus: ManagerStatus?
        }

        public init(from decoder: any Decoder) throws {
            let wire = try Wire(from: decoder)
            self.init(id: wire.ID, version: wire.Version.Index, hostname: wire.Description?.Hostname ?? "",
                      labels: wire.Spec?.Labels ?? [:], role: wire.Spec?.Role ?? "", availability: wire.Spec?.Availability ?? "",
                      state: wire.Status?.State ?? "", address: Self.address(status: wire.Status?.Addr, manager: wire.ManagerStatus?.Addr),
                      nanoCPUs: wire.Description?.Resources?.NanoCPUs ?? 0, memoryBytes: wire.Description?.Resources?.MemoryBytes ?? 0)
        }
    
        /// A manager's `Status.Addr` can read `0.0.0.0`; its `ManagerStatus.Addr` (`host:2377`) names it then.
        static func address(status: String?, manager: String?) -> String {
            if let status, !status.isEmpty, status != "0.0.0.0" { return status }
            guard let manager, let colon = manager.lastIndex(of: ":") else { return status ?? "" }
            return String(manager[..<colon])
        }
    }
}
