extension DockerEngine.ContainerSpec {
    /// The JSON body of `POST /containers/create` (the name travels in the query).
    struct Body: Encodable {
        var Image: String
        var Cmd: [String]?
        var Env: [String]
        var Labels: [String: String]
        var ExposedPorts: [String: Empty]?
        var HostConfig: Host

        struct Empty: Encodable {}

        struct Host: Encodable {
            var Binds: [String]
            var PortBindings: [String: [PortBinding]]?
            var Memory: Int64?
            var NanoCpus: Int64?
            var RestartPolicy: [String: String]
            var CapDrop: [String]?
            var CapAdd: [String]?
            var SecurityOpt: [String]?
            var PidsLimit: Int64?
            var MemorySwap: Int64?
            var NetworkMode: String?
            var ReadonlyRootfs: Bool?
            var Tmpfs: [String: String]?
            var Sysctls: [String: String]?
        }

        struct PortBinding: Encodable {
            var HostIp: String
            var HostPort: String
        }
    }

    var body: Body {
        var exposed: [String: Body.Empty]?
        var bindings: [String: [Body.PortBinding]]?
        if let ports {
            let keys = ports.ports.map { "\($0)/tcp" }
            exposed = Dictionary(uniqueKeysWithValues: keys.map { ($0, Body.Empty()) })
            if !ports.hostIP.isEmpty {
                bindings = Dictionary(uniqueKeysWithValues: ports.ports.map {
                    ("\($0)/tcp", [Body.PortBinding(HostIp: ports.hostIP, HostPort: String($0))])
                })
            }
        }
        return Body(
            Image: image,
            Cmd: command,
            Env: env.keys.sorted().map { "\($0)=\(env[$0] ?? "")" },
            Labels: labels,
            ExposedPorts: exposed,
            HostConfig: Body.Host(
                Binds: binds.map(\.text), PortBindings: bindings, Memory: memoryBytes, NanoCpus: nanoCPUs,
                RestartPolicy: ["Name": "no"],
                CapDrop: confinement.flatMap { $0.capDrop.isEmpty ? nil : $0.capDrop },
                CapAdd: confinement.flatMap { $0.capAdd.isEmpty ? nil : $0.capAdd },
                SecurityOpt: confinement?.noNewPrivileges == true ? ["no-new-privileges"] : nil,
                PidsLimit: confinement?.pidsLimit,
                MemorySwap: confinement?.swapEqualsMemory == true ? memoryBytes : nil,
                NetworkMode: network,
                ReadonlyRootfs: confinement?.readOnlyRoot == true ? true : nil,
                Tmpfs: confinement.flatMap { $0.tmpfs.isEmpty ? nil : $0.tmpfs },
                Sysctls: confinement.flatMap { $0.sysctls.isEmpty ? nil : $0.sysctls }))
    }
}
