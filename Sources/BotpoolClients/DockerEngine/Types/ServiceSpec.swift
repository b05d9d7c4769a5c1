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
        public var networks: [String]
        public var memoryBytes: Int64?
        public var nanoCPUs: Int64?

        public init(name: String, labels: [String: String], image: String, command: [String] = [], env: [String: String] = [:],
                    constraints: [String] = [], hostPorts: [Int] = [], networks: [String] = [],
                    memoryBytes: Int64? = nil, nanoCPUs: Int64? = nil) {
            self.name = name
            self.labels = labels
            self.image = image
            self.command = command
            self.env = env
            self.constraints = constraints
            self.hostPorts = hostPorts
            self.networks = networks
            self.memoryBytes = memoryBytes
            self.nanoCPUs = nanoCPUs
        }

        /// The Engine's `ServiceSpec` JSON (POST /services/create).
        var body: Body {
            Body(
                Name: name, Labels: labels,
                TaskTemplate: .init(
                    ContainerSpec: .init(Image: image, Labels: labels, Command: command.isEmpty ? nil : command,
                                         Env: env.isEmpty ? nil : env.keys.sorted().map { "\($0)=\(env[$0] ?? "")" }),
                    Placement: .init(Constraints: constraints),
                    // The controller decides what replaces a dead pool; swarm restarts the task in place.
                    RestartPolicy: .init(Condition: "any", Delay: 1_000_000_000),
                    Resources: .init(Limits: .init(NanoCPUs: nanoCPUs, MemoryBytes: memoryBytes)),
                    Networks: networks.map { .init(Target: $0) }),
                Mode: .init(Replicated: .init(Replicas: 1)),
                EndpointSpec: .init(Mode: "dnsrr", Ports: hostPorts.map {
                    .init(Protocol: "tcp", TargetPort: $0, PublishedPort: $0, PublishMode: "host")
                }))
        }

        struct Body: Encodable {
            struct TaskTemplate: Encodable {
                struct ContainerSpec: Encodable {
                    var Image: String
                    var Labels: [String: String]
                    var Command: [String]?
                    var Env: [String]?
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
                    }
                    var Limits: Limits
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
            struct EndpointSpec: Encodable {
                struct Port: Encodable {
                    var `Protocol`: String
                    var TargetPort: Int
                    var PublishedPort: Int
                    var PublishMode: String
                }
                var Mode: String
                var Ports: [Port]
            }
            var Name: String
            var Labels: [String: String]
            var TaskTemplate: TaskTemplate
            var Mode: Mode
            var EndpointSpec: EndpointSpec
        }
    }

    /// A service as `GET /services` lists it.
    public struct ServiceSummary: Sendable, Equatable, Decodable {
        public var id: String
        public var name: String
        public var labels: [String: String]

        private struct Wire: Decodable {
            struct Spec: Decodable {
                var Name: String
                var Labels: [String: String]?
            }
            var ID: String
            var Spec: Spec
        }

        public init(id: String, name: String, labels: [String: String]) {
            self.id = id
            self.name = name
            self.labels = labels
        }

        public init(from decoder: any Decoder) throws {
            let wire = try Wire(from: decoder)
            self.init(id: wire.ID, name: wire.Spec.Name, labels: wire.Spec.Labels ?? [:])
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

        private struct Wire: Decodable {
            struct Status: Decodable {
                struct ContainerStatus: Decodable { var ContainerID: String? }
                var State: String?
                var Message: String?
                var Err: String?
                var ContainerStatus: ContainerStatus?
            }
            var ID: String
            var ServiceID: String
            var NodeID: String?
            var DesiredState: String?
            var Status: Status?
        }

        public init(id: String, serviceID: String, nodeID: String, state: String, desiredState: String,
                    containerID: String = "", message: String = "") {
            self.id = id
            self.serviceID = serviceID
            self.nodeID = nodeID
            self.state = state
            self.desiredState = desiredState
            self.containerID = containerID
            self.message = message
        }

        public init(from decoder: any Decoder) throws {
            let wire = try Wire(from: decoder)
            self.init(id: wire.ID, serviceID: wire.ServiceID, nodeID: wire.NodeID ?? "", state: wire.Status?.State ?? "",
                      desiredState: wire.DesiredState ?? "", containerID: wire.Status?.ContainerStatus?.ContainerID ?? "",
                      message: wire.Status?.Err ?? wire.Status?.Message ?? "")
        }
    }
}
