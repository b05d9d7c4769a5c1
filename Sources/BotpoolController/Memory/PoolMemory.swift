/// Memory of one pool container: the summed proportional set size (PSS) of every process in
/// its cgroup. PSS divides each shared page among the processes that map it, so the bots of a
/// fork pool are charged their share of the zygote's pages once, and pools add up to the host.
public struct PoolMemory: Codable, Sendable, Equatable {
    public var pssBytes: Int64
    public var processes: Int

    public init(pssBytes: Int64, processes: Int) {
        self.pssBytes = pssBytes
        self.processes = processes
    }
}
