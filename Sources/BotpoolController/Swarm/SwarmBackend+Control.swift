import BotpoolClients
import BotpoolManifest
import Foundation

/// How the controller reaches each swarm pool's supervisord.
public enum SwarmChannel: String, Sendable, CaseIterable {
    /// Over the pool's own overlay network, which only that pool and the controller join: the
    /// control port is published nowhere. The controller keeps one idle control container on
    /// the manager it talks to, joins it to each pool's overlay, and opens its connections in
    /// that container's network namespace. Needs the controller on the manager's host, as root.
    case overlay
    /// On a port swarm publishes on the pool's node, behind the pool's login: for a controller
    /// that cannot enter the manager's namespaces (one that runs in a container).
    case published
}

extension SwarmBackend {
    /// `bp-<instance>-control`, on the manager whose Engine API this controller uses.
    var controlName: String { "bp-\(instance)-control" }

    /// The bridge the control container starts on: internal (no route out), its own.
    var controlBridge: String { "bp-\(instance)-control" }

    static let controlRoleLabel = "io.botpool.role"

    var controlLabels: [String: String] {
        SwarmPoolRecord.ownerLabels(instance: instance).merging([Self.controlRoleLabel: "control"]) { _, new in new }
    }

    /// The control container, running, with a namespace file this process can open: made or
    /// started when it is not. One inspect per pass when all is well.
    func ensureControl() async throws -> SwarmView.Control {
        var details = try await inspectControl()
        if details == nil {
            try await createControl()
            details = try await inspectControl()
        }
        guard var found = details else { throw SwarmError.control("\(controlName) vanished right after it was made") }
        if !found.state.running {
            _ = try await timed("docker") { try await docker.startContainer(controlName) }
            guard let started = try await inspectControl(), started.state.running else {
                throw SwarmError.control("\(controlName) does not stay running on the manager")
            }
            found = started
        }
        let handle = open(found.sandboxKey, O_RDONLY | O_CLOEXEC)
        guard handle >= 0 else {
            let reason = String(cString: strerror(errno))
            throw SwarmError.control("""
                cannot open \(controlName)'s network namespace \(found.sandboxKey) (\(reason)): the overlay channel \
                needs the controller on the manager's host, as root; a controller in a container uses \
                --swarm-channel published
                """)
        }
        close(handle)
        let control = SwarmView.Control(id: found.id, namespace: found.sandboxKey, networks: found.networks)
        view.control = control
        return control
    }

    /// Joins the control container to a pool's overlay (once; the view remembers).
    func joinControl(to network: String) async throws -> SwarmView.Control {
        var control = try await currentControl()
        if control.networks.contains(network) { return control }
        let joined = try await timed("docker") { try await docker.connectNetwork(network, container: control.id) }
        guard joined == .done else { throw SwarmError.control("network \(network) is gone") }
        view.controlJoined(network)
        control.networks.insert(network)
        return control
    }

    private func currentControl() async throws -> SwarmView.Control {
        if let known = view.control { return known }
        return try await ensureControl()
    }

    /// Before a pool's overlay is removed: a network with the control container on it cannot be.
    func leaveControl(from network: String) async {
        do {
            _ = try await timed("docker") { try await docker.disconnectNetwork(network, container: controlName) }
            view.controlLeft(network)
        } catch {
            logger.info("the control container did not leave a pool network", metadata: ["network": "\(network)", "error": "\(error)"])
        }
    }

    private func inspectControl() async throws -> DockerEngine.ContainerDetails? {
        guard let details = try await timed("docker", { try await docker.inspectContainer(controlName) }).value else { return nil }
        guard controlLabels.allSatisfy({ details.labels[$0.key] == $0.value }) else {
            throw ControllerError.nameTaken(container: controlName, reason: "a container of that name is not this controller's")
        }
        return details
    }

    /// `sleep infinity` with nothing it could use: no capabilities, a read-only root, no
    /// forwarding between the overlays it joins, on an internal bridge until it joins them.
    private func createControl() async throws {
        _ = try await timed("docker") {
            try await docker.createNetwork(controlBridge, labels: controlLabels, options: ["com.docker.network.bridge.enable_icc": "false"],
                                           isInternal: true)
        }
        let spec = DockerEngine.ContainerSpec(
            name: controlName, image: controlImage, command: ["sleep", "infinity"], labels: controlLabels,
            memoryBytes: 16 << 20,
            confinement: .init(capDrop: ["ALL"], noNewPrivileges: true, pidsLimit: 8, swapEqualsMemory: true, readOnlyRoot: true,
                               sysctls: ["net.ipv4.ip_forward": "0", "net.ipv6.conf.all.forwarding": "0"]),
            network: controlBridge)
        switch try await timed("docker", { try await docker.createContainer(spec) }) {
        case .created: _ = try await timed("docker") { try await docker.startContainer(controlName) }
        case .nameConflict: break  // made by a pass that ran at the same time or before a crash; checked by its labels
        }
    }
}
