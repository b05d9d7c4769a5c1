extension DockerEngine {
    /// A one-replica swarm service as botpool makes a pool on the swarm backend: one task,
    /// pinned by placement constraints, its ports published in host mode on the task's node
    /// (this kernel kind has no IPVS, so no ingress mesh and no virtual IP: `dnsrr`).
    public struct ServiceSpec: Sendable, Equatable {
        public var name: String
        /// On the service and on its task containers.
        public var labels: [String: String]
        public var image: String
        public var command: [String]
        public var env: [String: String]
        /// e.g. `node.id==abc`, `node.labels.botpool.node==node2`.
        public var constraints: [String]
        /// Published on the task's node, same number inside.
        public var hostPorts: [Int]
        /// Published on the task's node on a port swarm picks (read back from the task's
        /// `PortStatus`): a pool's control port, which no manifest plans.
        public var pickedHostPorts: [Int]
        public var networks: [String]
        /// The limit, and also the reservation: swarm's scheduler then refuses to overcommit a
        /// node, and a pool that does not fit stays pending with "insufficient resources".
        public var memoryBytes: Int64?
        public var nanoCPUs: Int64?
        public var mounts: [ServiceMount]
        public var secrets: [ServiceFile]
        public var configs: [ServiceFile]
        public var confinement: ServiceConfinement?
        /// SIGTERM to SIGKILL when the task stops.
        public var stopGracePeriod: Duration?

        public init(name: String, labels: [String: String], image: String, command: [String] = [], env: [String: String] = [:],
                    constraints: [String] = [], hostPorts: [Int] = [], pickedHostPorts: [Int] = [], networks: [String] = [],
                    memoryBytes: Int64? = nil, nanoCPUs: Int64? = nil, mounts: [ServiceMount] = [], secrets: [ServiceFile] = [],
                    configs: [ServiceFile] = [], confinement: ServiceConfinement? = nil, stopGracePeriod: Duration? = nil) {
            self.name = name
            self.labels = labels
            self.image = image
            self.command = command
            self.env = env
            self.constraints = constraints
            self.hostPorts = hostPorts
            self.pickedHostPorts = pickedHostPorts
            self.networks = networks
            self.memoryBytes = memoryBytes
            self.nanoCPUs = nanoCPUs
            self.mounts = mounts
            self.secrets = secrets
            self.configs = configs
            self.confinement = confinement
            self.stopGracePeriod = stopGracePeriod
        }

        /// The Engine's `ServiceSpec` JSON (POST /services/create).
        var body: Body {
            let files = { (files: [ServiceFile], kind: ServiceFile.Body.Kind) in files.isEmpty ? nil : files.map { $0.body(kind: kind) } }
            return Body(
                Name: name, Labels: labels,
                TaskTemplate: .init(
                    ContainerSpec: .init(Image: image, Labels: labels, Command: command.isEmpty ? nil : command,
                                         Env: env.isEmpty ? nil : env.keys.sorted().map { "\($0)=\(env[$0] ?? "")" },
                                         ReadOnly: confinement?.readOnlyRoot,
                                         Mounts: mounts.isEmpty ? nil : mounts.map(\.body),
                                         Secrets: files(secrets, .secret), Configs: files(configs, .config),
                                         CapabilityAdd: confinement?.capAdd, CapabilityDrop: confinement?.capDrop,
                                         StopGracePeriod: stopGracePeriod.map { $0.components.seconds * 1_000_000_000 }),
                    Placement: .init(Constraints: constraints),
                    // The controller decides what replaces a dead pool; swarm restarts the task in place.
                    RestartPolicy: .init(Condition: "any", Delay: 1_000_000_000),
                    Resources: .init(Limits: .init(NanoCPUs: nanoCPUs, MemoryBytes: memoryBytes, Pids: confinement?.pidsLimit),
                                     Reservations: memoryBytes.map { .init(MemoryBytes: $0) }),
                    Networks: networks.map { .init(Target: $0) }),
                Mode: .init(Replicated: .init(Replicas: 1)),
                // The new task needs the old one's host ports and data: stop first. What happens
                // to a pool whose update fails is the planner's decision, not swarm's updater's.
                UpdateConfig: .init(Parallelism: 1, Order: "stop-first", FailureAction: "continue"),
                EndpointSpec: .init(Mode: "dnsrr", Ports: hostPorts.map {
                    .init(Protocol: "tcp", TargetPort: $0, PublishedPort: $0, PublishMode: "host")
                } + pickedHostPorts.map {
                    .init(Protocol: "tcp", TargetPort: $0, PublishedPort: nil, PublishMode: "host")
                }))
        }

        struct Body: Encodable {
            struct TaskTemplate: Encodable {
                struct ContainerSpec: Encodable {
                    var Image: String
                    var Labels: [String: String]
                    var Command: [String]?
                    var Env: [String]?
                    var ReadOnly: Bool?
                    var Mounts: [ServiceMount.Body]?
                    var Secrets: [ServiceFile.Body]?
                    var Configs: [ServiceFile.Body]?
                    var CapabilityAdd: [String]?
                    var CapabilityDrop: [String]?
                    var StopGracePeriod: Int64?
                }
                struct Placement: Encodable { var Constraints: [String] }
                struct RestartPolicy: Encodable {
                    var Condition: String
                    var Delay: Int64
                }
                struct Resources: Encodable {
                    struct Limits: Encodable {
                        var NanoCPUs: Int64?
                        var MemoryBytes: Int64?
                        var Pids: Int64?
                    }
                    struct Reservations: Encodable { var MemoryBytes: Int64 }
                    var Limits: Limits
                    var Reservations: Reservations?
                }
                struct Network: Encodable { var Target: String }
                var ContainerSpec: ContainerSpec
                var Placement: Placement
                var RestartPolicy: RestartPolicy
                var Resources: Resources
                var Networks: [Network]
            }
            struct Mode: Encodable {
                struct Replicated: Encodable { var Replicas: Int }
                var Replicated: Replicated
            }
            struct UpdateConfig: Encodable {
                var Parallelism: Int
                var Order: String
                var FailureAction: String
            }
            struct EndpointSpec: Encodable {
                struct Port: Encodable {
                    var `Protocol`: String
                    var TargetPort: Int
                    var PublishedPort: Int?
                    var PublishMode: String
                }
                var Mode: String
                var Ports: [Port]
            }
            var Name: String
            var Labels: [String: String]
            var TaskTemplate: TaskTemplate
            var Mode: Mode
            var UpdateConfig: UpdateConfig
            var EndpointSpec: EndpointSpec
        }
    }

    /// A service as `GET /services` lists it.
    public struct ServiceSummary: Sendable, Equatable, Decodable {
        public var id: String
        public var name: String
        public var labels: [String: String]
        /// `Version.Index`: an update must name the version it read.
        public var version: Int

        private struct Wire: Decodable {
            struct Version: Decodable { var Index: Int }
            struct Spec: Decodable {
                var Name: String
                var Labels: [String: String]?
            }
            var ID: String
            var Version: Version?
            var Spec: Spec
        }

        public init(id: String, name: String, labels: [String: String], version: Int = 0) {
            self.id = id
            self.name = name
            self.labels = labels
            self.version = version
        }

        public init(from decoder: any Decoder) throws {
            let wire = try Wire(from: decoder)
            self.init(id: wire.ID, name: wire.Spec.Name, labels: wire.Spec.Labels ?? [:], version: wire.Version?.Index ?? 0)
        }
    }

    /// A task as `GET /tasks` lists it: where a pool's container runs, and how it is doing.
    public struct SwarmTask: Sendable, Equatable, Decodable {
        public var id: String
        public var serviceID: String
        public var nodeID: String
        /// `running`, `failed`, `shutdown`, `pending` …
        public var state: String
        public var desiredState: String
        public var containerID: String
        /// Why it is in its state (`Status.Err` or `Status.Message`).
        public var message: String
        /// Host-mode ports as published on the task's node: container port to node port.
        public var publishedPorts: [Int: Int]
        /// `CreatedAt` as Docker wrote it (RFC 3339); the newest task of a service is its current one.
        public var createdAt: String
        /// The task's address on each network it joined, by network name, without the prefix
        /// length (`NetworksAttachments`: `10.0.1.3/24` is `10.0.1.3`).
        public var networkAddresses: [String: String]

        private struct Wire: Decodable {
            struct Attachment: Decodable {
                struct Network: Decodable {
                    struct Spec: Decodable { var Name: String? }
                    var Spec: Spec?
                }
                var Network: Network?
                var Addresses: [String]?
            }
            struct Status: Decodable {
                struct ContainerStatus: Decodable { var ContainerID: String? }
                struct PortStatus: Decodable {
                    struct Port: Decodable {
                        var TargetPort: Int?
                        var PublishedPort: Int?
                    }
                    var Ports: [Port]?
                }
                var State: String?
                var PortStatus: PortStatus?
                var Message: String?
                var Err: String?
                var ContainerStatus: ContainerStatus?
            }
            var ID: String
            var ServiceID: String
            var NodeID: String?
            var DesiredState: String?
            var CreatedAt: String?
            var Status: Status?
            var NetworksAttachments: [Attachment]?
        }

        public init(id: String, serviceID: String, nodeID: String, state: String, desiredState: String,
                    containerID: String = "", message: String = "", publishedPorts: [Int: Int] = [:], createdAt: String = "",
                    networkAddresses: [String: String] = [:]) {
            self.id = id
            self.serviceID = serviceID
            self.nodeID = nodeID
            self.state = state
            self.desiredState = desiredState
            self.containerID = containerID
            self.message = message
            self.publishedPorts = publishedPorts
            self.createdAt = createdAt
            self.networkAddresses = networkAddresses
        }

        public init(from decoder: any Decoder) throws {
            let wire = try Wire(from: decoder)
            self.init(id: wire.ID, serviceID: wire.ServiceID, nodeID: wire.NodeID ?? "", state: wire.Status?.State ?? "",
                      desiredState: wire.DesiredState ?? "", containerID: wire.Status?.ContainerStatus?.ContainerID ?? "",
                      message: wire.Status?.Err ?? wire.Status?.Message ?? "",
                      publishedPorts: Dictionary((wire.Status?.PortStatus?.Ports ?? []).compactMap { port in
                          port.TargetPort.flatMap { target in port.PublishedPort.map { (target, $0) } }
                      }, uniquingKeysWith: { first, _ in first }),
                      createdAt: wire.CreatedAt ?? "",
                      networkAddresses: Dictionary((wire.NetworksAttachments ?? []).compactMap { attachment in
                          guard let name = attachment.Network?.Spec?.Name, let address = attachment.Addresses?.first,
                                let host = address.split(separator: "/").first, !host.isEmpty else { return nil }
                          return (name, String(host))
                      }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
