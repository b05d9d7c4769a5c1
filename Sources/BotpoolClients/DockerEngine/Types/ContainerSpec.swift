extension DockerEngine {
    /// What `create` makes: a container that never restarts on its own (restart policy `no`;
    /// replacing a dead pool is the controller's decision).
    public struct ContainerSpec: Sendable, Equatable {
        public var name: String
        public var image: String
        /// nil keeps the image's CMD.
        public var command: [String]?
        public var env: [String: String]
        public var labels: [String: String]
        public var binds: [Bind]
        /// Published one to one: container port N on host port N.
        public var ports: PortPublication?
        public var memoryBytes: Int64?
        /// CPUs × 10⁹ (`--cpus 1.5` is 1_500_000_000).
        public var nanoCPUs: Int64?
        /// What the processes inside may do; nil leaves Docker's defaults.
        public var confinement: Confinement?
        /// The network it joins (`NetworkMode`); nil is Docker's default bridge.
        public var network: String?

        public init(name: String, image: String, command: [String]? = nil, env: [String: String] = [:],
                    labels: [String: String] = [:], binds: [Bind] = [], ports: PortPublication? = nil,
                    memoryBytes: Int64? = nil, nanoCPUs: Int64? = nil, confinement: Confinement? = nil,
                    network: String? = nil) {
            self.name = name
            self.image = image
            self.command = command
            self.env = env
            self.labels = labels
            self.binds = binds
            self.ports = ports
            self.memoryBytes = memoryBytes
            self.nanoCPUs = nanoCPUs
            self.confinement = confinement
            self.network = network
        }
    }

    /// `--cap-drop`/`--cap-add`, `--security-opt no-new-privileges`, `--pids-limit`, and swap:
    /// with `swapEqualsMemory` the container may use no swap beyond its memory limit.
    public struct Confinement: Sendable, Equatable {
        public var capDrop: [String]
        public var capAdd: [String]
        public var noNewPrivileges: Bool
        public var pidsLimit: Int64?
        public var swapEqualsMemory: Bool
        /// `--read-only`: the image's files cannot be changed from inside.
        public var readOnlyRoot: Bool
        /// `--tmpfs PATH:OPTIONS`: writable scratch space in memory (counted against the limit).
        public var tmpfs: [String: String]
        /// `--sysctl`: namespaced kernel settings of the container, e.g. `net.ipv4.ip_forward`.
        public var sysctls: [String: String]

        public init(capDrop: [String] = [], capAdd: [String] = [], noNewPrivileges: Bool = false,
                    pidsLimit: Int64? = nil, swapEqualsMemory: Bool = false, readOnlyRoot: Bool = false,
                    tmpfs: [String: String] = [:], sysctls: [String: String] = [:]) {
            self.sysctls = sysctls
            self.readOnlyRoot = readOnlyRoot
            self.tmpfs = tmpfs
            self.capDrop = capDrop
            self.capAdd = capAdd
            self.noNewPrivileges = noNewPrivileges
            self.pidsLimit = pidsLimit
            self.swapEqualsMemory = swapEqualsMemory
        }
    }

    /// A host path mounted into the container.
    public struct Bind: Sendable, Equatable {
        public var hostPath: String
        public var containerPath: String
        public var readOnly: Bool
        /// `rslave`: mounts the host makes beneath `hostPath` later appear in the container too
        /// (the host path must be a shared mount); nil: Docker's default, `rprivate`.
        public var propagation: String?

        public init(hostPath: String, containerPath: String, readOnly: Bool = false, propagation: String? = nil) {
            self.hostPath = hostPath
            self.containerPath = containerPath
            self.readOnly = readOnly
            self.propagation = propagation
        }

        /// Docker's `Binds` form, `host:container[:ro][,propagation]`.
        public var text: String {
            let options = (readOnly ? ["ro"] : []) + (propagation.map { [$0] } ?? [])
            return hostPath + ":" + containerPath + (options.isEmpty ? "" : ":" + options.joined(separator: ","))
        }
    }

    /// TCP ports exposed by the container and published on `hostIP` under the same numbers; an
    /// empty `hostIP` exposes them without publishing (reachable on the container's address).
    public struct PortPublication: Sendable, Equatable {
        public var hostIP: String
        public var ports: ClosedRange<Int>

        public init(hostIP: String, ports: ClosedRange<Int>) {
            self.hostIP = hostIP
            self.ports = ports
        }
    }
}
