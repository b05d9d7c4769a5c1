import BotpoolClients
import BotpoolManifest
import Foundation
import Synchronization

extension DockerBackend {
    static let iccOption = "com.docker.network.bridge.enable_icc"

    /// Every pool of this state dir joins one bridge network with inter-container traffic
    /// off: no pool reaches another pool (of its tenant or any other) by container IP, and none
    /// sits on docker0 beside unrelated containers. Bots still reach the outside world, and the
    /// controller still reaches every bot, through the ports each pool publishes on the host.
    /// (One network rather than one per tenant: Docker's default address pools hold about 30
    /// bridge networks, and no route between any two pools is the stronger guarantee.)
    var poolNetwork: String {
        var hash = StableHash()
        hash.combine(layout.root.path)
        return "botpool-pools-" + String(StableHash.hex(hash.value).prefix(8))
    }

    var poolNetworkLabels: [String: String] {
        [PoolLabel.managedBy: PoolLabel.managedByValue, PoolLabel.stateDir: layout.root.path]
    }

    /// Makes the pool network unless it exists; one that exists must be ours and keep
    /// inter-container traffic off, or no pool is created on it. Pools of one pass are created
    /// in parallel, and Docker's duplicate-name check is not atomic (two creates at once made
    /// two networks of one name, which no container can then join), so one ensure runs at a time
    /// and the callers that arrive meanwhile share its outcome.
    func ensurePoolNetwork() async throws -> String {
        try await networkGate.shared { try await ensurePoolNetworkAlone() }
    }

    private func ensurePoolNetworkAlone() async throws -> String {
        let name = poolNetwork
        if case .found(let details) = try await timed("docker", { try await docker.inspectNetwork(name) }) {
            try check(details)
            return name
        }
        switch try await timed("docker", { try await docker.createNetwork(name, labels: poolNetworkLabels, options: [Self.iccOption: "false"]) }) {
        case .created:
            logger.info("created pool network", metadata: ["network": "\(name)"])
        case .nameConflict:
            // Made by a controller racing this one: ours only if it reads as ours.
            guard case .found(let details) = try await timed("docker", { try await docker.inspectNetwork(name) }) else {
                throw ControllerError.networkTaken(name: name, reason: "it vanished while being made")
            }
            try check(details)
        }
        return name
    }

    private func check(_ details: DockerEngine.NetworkDetails) throws {
        guard poolNetworkLabels.allSatisfy({ details.labels[$0.key] == $0.value }) else {
            throw ControllerError.networkTaken(name: details.name, reason: "its labels are not this controller's")
        }
        guard details.options[Self.iccOption] == "false" else {
            throw ControllerError.networkTaken(name: details.name, reason: "inter-container traffic is on")
        }
    }
}

/// One run of an async job at a time; callers that arrive while it runs await that run.
final class NetworkGate: Sendable {
    private let running = Mutex<Task<String, any Error>?>(nil)

    func shared(_ job: @escaping @Sendable () async throws -> String) async throws -> String {
        let task = running.withLock { current in
            if let current { return current }
            let started = Task { try await job() }
            current = started
            return started
        }
        defer { running.withLock { if $0 == task { $0 = nil } } }
        return try await task.value
    }
}
