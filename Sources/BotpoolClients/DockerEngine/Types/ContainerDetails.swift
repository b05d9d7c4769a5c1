extension DockerEngine {
    /// The parts of `GET /containers/{id}/json` botpool reads.
    public struct ContainerDetails: Sendable, Equatable, Decodable {
        public var id: String
        /// Without the leading `/`.
        public var name: String
        public var image: String
        public var state: ContainerState
        public var labels: [String: String]
        public var env: [String]
        public var command: [String]
        public var binds: [String]
        public var memoryBytes: Int64
        public var nanoCPUs: Int64
        /// The file of its network namespace on the daemon's host (`NetworkSettings.SandboxKey`);
        /// empty when it has none (not running).
        public var sandboxKey: String
        /// The names of the networks it is connected to.
        public var networks: Set<String>

        enum CodingKeys: String, CodingKey {
            case id = "Id", name = "Name", state = "State", config = "Config", hostConfig = "HostConfig"
            case networkSettings = "NetworkSettings"
        }

        struct NetworkSettings: Decodable {
            struct Empty: Decodable {}
            var SandboxKey: String?
            var Networks: [String: Empty]?
        }

        struct Config: Decodable {
            var Image: String?
            var Labels: [String: String]?
            var Env: [String]?
            var Cmd: [String]?
        }

        struct HostConfig: Decodable {
            var Binds: [String]?
            var Memory: Int64?
            var NanoCpus: Int64?
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            let rawName = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
            name = rawName.hasPrefix("/") ? String(rawName.dropFirst()) : rawName
            state = try container.decode(ContainerState.self, forKey: .state)
            let config = try container.decodeIfPresent(Config.self, forKey: .config)
            let host = try container.decodeIfPresent(HostConfig.self, forKey: .hostConfig)
            image = config?.Image ?? ""
            labels = config?.Labels ?? [:]
            env = config?.Env ?? []
            command = config?.Cmd ?? []
            binds = host?.Binds ?? []
            memoryBytes = host?.Memory ?? 0
            nanoCPUs = host?.NanoCpus ?? 0
            let settings = try container.decodeIfPresent(NetworkSettings.self, forKey: .networkSettings)
            sandboxKey = settings?.SandboxKey ?? ""
            networks = Set((settings?.Networks ?? [:]).keys)
        }
    }

    /// `State` of an inspected container.
    public struct ContainerState: Sendable, Equatable, Decodable {
        /// `created`, `running`, `paused`, `restarting`, `removing`, `exited`, `dead`.
        public var status: String
        public var running: Bool
        public var oomKilled: Bool
        public var pid: Int
        public var exitCode: Int
        public var error: String
        public var startedAt: String
        public var finishedAt: String

        enum CodingKeys: String, CodingKey {
            case status = "Status", running = "Running", oomKilled = "OOMKilled", pid = "Pid"
            case exitCode = "ExitCode", error = "Error", startedAt = "StartedAt", finishedAt = "FinishedAt"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            status = try container.decodeIfPresent(String.self, forKey: .status) ?? ""
            running = try container.decodeIfPresent(Bool.self, forKey: .running) ?? false
            oomKilled = try container.decodeIfPresent(Bool.self, forKey: .oomKilled) ?? false
            pid = try container.decodeIfPresent(Int.self, forKey: .pid) ?? 0
            exitCode = try container.decodeIfPresent(Int.self, forKey: .exitCode) ?? 0
            error = try container.decodeIfPresent(String.self, forKey: .error) ?? ""
            startedAt = try container.decodeIfPresent(String.self, forKey: .startedAt) ?? ""
            finishedAt = try container.decodeIfPresent(String.self, forKey: .finishedAt) ?? ""
        }
    }
}
