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
        /// `Config.Entrypoint`: with `command`, the argv the container runs.
        public var entrypoint: [String]
        public var workingDir: String
        public var binds: [String]
        /// Bind mounts and volumes, as `Mounts` lists them.
        public var mounts: [Mount]
        /// `HostConfig.PortBindings`: container port (`8080/tcp`) → where the host publishes it.
        public var portBindings: [String: [PortBinding]]
        /// `HostConfig.Init`: the container's process runs under docker-init.
        public var initProcess: Bool
        public var memoryBytes: Int64
        public var nanoCPUs: Int64
        /// The file of its network namespace on the daemon's host (`NetworkSettings.SandboxKey`);
        /// empty when it has none (not running).
        public var sandboxKey: String
        /// The names of the networks it is connected to.
        public var networks: Set<String>

        enum CodingKeys: String, CodingKey {
            case id = "Id", name = "Name", state = "State", config = "Config", hostConfig = "HostConfig"
            case networkSettings = "NetworkSettings", mounts = "Mounts"
        }

        /// One entry of `Mounts`.
        public struct Mount: Sendable, Equatable, Decodable {
            /// `bind`, `volume`, `tmpfs`, …
            public var type: String
            /// The host path (for a volume: its directory on the daemon's host).
            public var source: String
            public var destination: String
            public var readWrite: Bool

            enum CodingKeys: String, CodingKey {
                case type = "Type", source = "Source", destination = "Destination", readWrite = "RW"
            }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
                source = try container.decodeIfPresent(String.self, forKey: .source) ?? ""
                destination = try container.decodeIfPresent(String.self, forKey: .destination) ?? ""
                readWrite = try container.decodeIfPresent(Bool.self, forKey: .readWrite) ?? true
            }
        }

        /// One host binding of a published port; an empty `hostIP` means every address.
        public struct PortBinding: Sendable, Equatable, Decodable {
            public var hostIP: String
            public var hostPort: String

            enum CodingKeys: String, CodingKey { case hostIP = "HostIp", hostPort = "HostPort" }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                hostIP = try container.decodeIfPresent(String.self, forKey: .hostIP) ?? ""
                hostPort = try container.decodeIfPresent(String.self, forKey: .hostPort) ?? ""
            }
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
            var Entrypoint: [String]?
            var WorkingDir: String?
        }

        struct HostConfig: Decodable {
            var Binds: [String]?
            var Memory: Int64?
            var NanoCpus: Int64?
            var PortBindings: [String: [PortBinding]?]?
            var Init: Bool?
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
            entrypoint = config?.Entrypoint ?? []
            workingDir = config?.WorkingDir ?? ""
            mounts = try container.decodeIfPresent([Mount].self, forKey: .mounts) ?? []
            portBindings = (host?.PortBindings ?? [:]).mapValues { $0 ?? [] }
            initProcess = host?.Init ?? false
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
