extension DockerEngine {
    /// A mount of a service's task containers. Part of the task template: changing one replaces
    /// the task.
    public enum ServiceMount: Sendable, Equatable {
        /// A node-local named volume, made on the task's node when the task first starts there.
        case volume(name: String, target: String, labels: [String: String])
        /// In memory, counted against the task's memory limit; `mode` as octal permission bits.
        case tmpfs(target: String, sizeBytes: Int64, mode: Int)

        var body: Body {
            switch self {
            case .volume(let name, let target, let labels):
                Body(Type: "volume", Source: name, Target: target, VolumeOptions: .init(Labels: labels))
            case .tmpfs(let target, let sizeBytes, let mode):
                Body(Type: "tmpfs", Target: target, TmpfsOptions: .init(SizeBytes: sizeBytes, Mode: mode))
            }
        }

        struct Body: Encodable {
            struct VolumeOptions: Encodable { var Labels: [String: String] }
            struct TmpfsOptions: Encodable {
                var SizeBytes: Int64
                var Mode: Int
            }
            var `Type`: String
            var Source: String?
            var Target: String
            var VolumeOptions: VolumeOptions?
            var TmpfsOptions: TmpfsOptions?
        }
    }

    /// A swarm secret or config as a file in the task's containers (secrets under
    /// `/run/secrets/`, in memory on the node only while a task uses it).
    public struct ServiceFile: Sendable, Equatable {
        public var id: String
        public var name: String
        /// A file name for secrets (below `/run/secrets`), an absolute path for configs.
        public var target: String
        public var mode: Int

        public init(id: String, name: String, target: String, mode: Int) {
            self.id = id
            self.name = name
            self.target = target
            self.mode = mode
        }

        func body(kind: Body.Kind) -> Body {
            Body(kind: kind, id: id, name: name, file: .init(Name: target, UID: "0", GID: "0", Mode: mode))
        }

        /// Secrets and configs take the same shape under different key names
        /// (`SecretID`/`SecretName`, `ConfigID`/`ConfigName`).
        struct Body: Encodable {
            enum Kind: String { case secret = "Secret", config = "Config" }
            struct File: Encodable {
                var Name: String
                var UID: String
                var GID: String
                var Mode: Int
            }
            var kind: Kind
            var id: String
            var name: String
            var file: File

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(file, forKey: Key("File"))
                try container.encode(id, forKey: Key(kind.rawValue + "ID"))
                try container.encode(name, forKey: Key(kind.rawValue + "Name"))
            }

            private struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(_ string: String) { stringValue = string }
                init?(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
        }
    }

    /// What the Engine's service API (1.41) can say of a task's privileges: no
    /// no-new-privileges, seccomp or AppArmor choice and no swap limit. The pool's command runs
    /// under `setpriv --no-new-privs` instead.
    public struct ServiceConfinement: Sendable, Equatable {
        public var capDrop: [String]
        public var capAdd: [String]
        public var pidsLimit: Int64?
        public var readOnlyRoot: Bool

        public init(capDrop: [String], capAdd: [String], pidsLimit: Int64?, readOnlyRoot: Bool) {
            self.capDrop = capDrop
            self.capAdd = capAdd
            self.pidsLimit = pidsLimit
            self.readOnlyRoot = readOnlyRoot
        }
    }
}
