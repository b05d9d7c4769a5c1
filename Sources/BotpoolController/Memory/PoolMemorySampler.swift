import BotpoolClients
import BotpoolTransport
import Foundation

/// Measures pools' memory when asked (a `/metrics` scrape, a status request): finds each pool
/// container's cgroup once through Docker (`State.Pid` → `/proc/PID/cgroup`), then sums the PSS
/// of the processes in it. Needs the host's `/proc` and cgroups (a controller in a container
/// needs `--pid host --cgroupns host`); a pool it cannot measure is left out rather than
/// reported as 0. A pool measured less than `maxAge` ago is answered from that measurement:
/// reading every process's `smaps_rollup` costs about 0.1 s of CPU per 1,000 bots, and a
/// client polling the status API, or several scrapers, must not make the controller pay it
/// each time.
public actor PoolMemorySampler {
    private let docker: DockerEngine.Client
    private let memory: ProcessMemory
    /// A pool's container's `cgroup.procs` and what was last read through it; dropped when the
    /// file goes (container stopped or replaced under the same name) and found again on the next
    /// sample.
    private struct Measured {
        var cgroupProcs: String
        var at: ContinuousClock.Instant
        var memory: PoolMemory
    }

    private var measured: [String: Measured] = [:]
    private let maxAge: Duration

    public init(docker: DockerEngine.Client, memory: ProcessMemory = ProcessMemory(), maxAge: Duration = .seconds(2)) {
        self.docker = docker
        self.memory = memory
        self.maxAge = maxAge
    }

    public func sample(pools: [String]) async -> [String: PoolMemory] {
        var samples: [String: PoolMemory] = [:]
        for pool in pools {
            if let sample = await sample(pool: pool) { samples[pool] = sample }
        }
        measured = measured.filter { samples[$0.key] != nil }
        return samples
    }

    private func sample(pool: String) async -> PoolMemory? {
        if let last = measured[pool], ContinuousClock.now - last.at < maxAge { return last.memory }
        let started = ContinuousClock.now
        var path = measured[pool]?.cgroupProcs
        var sample: PoolMemory?
        if let path { sample = await read(path) }
        if sample == nil, let found = await locate(pool) {
            path = found
            sample = await read(found)
        }
        measured[pool] = path.flatMap { path in sample.map { Measured(cgroupProcs: path, at: started, memory: $0) } }
        return sample
    }

    private func locate(_ pool: String) async -> String? {
        guard case .found(let details)? = try? await docker.inspectContainer(pool), details.state.running,
              details.state.pid > 0
        else { return nil }
        let memory = memory
        return await BlockingExecutor.shared.run { memory.cgroupProcsPath(pid: details.state.pid) }
    }

    /// `/proc` reads take about a millisecond per large process; off the cooperative pool.
    private func read(_ path: String) async -> PoolMemory? {
        let memory = memory
        return await BlockingExecutor.shared.run { memory.memory(cgroupProcs: path) }
    }
}
