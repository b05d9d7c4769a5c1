import BotpoolTransport
import Foundation

/// What botpool keeps in swarm's store: labels on its services (which bot holds which slot),
/// and the secrets and configs its pools mount.
extension DockerEngine.Client {
    /// Sets a service's labels (its top-level `Spec.Labels`; the task template and so the running
    /// task stay as they are). The spec is sent back whole with the version it was read at: a
    /// service changed in between is `.conflict`, and the caller reads it again.
    ///
    /// Maps to GET /services/{id} then POST /services/{id}/update?version=N
    public func updateServiceLabels(
        _ reference: String, _ change: @Sendable ([String: String]) -> [String: String]
    ) async throws -> LabelUpdate {
        struct Service: Decodable {
            struct Version: Decodable { var Index: Int }
            var Version: Version
            var Spec: DockerEngine.JSONValue
        }
        let operation = "update service \(reference)"
        let read = try await send(.get, "/services/\(segment(reference))")
        if read.status == 404 { return .absent }
        guard read.isSuccess else { throw failure(operation, read) }
        var service = try decode(Service.self, operation, read)
        var labels: [String: String] = [:]
        if case .object(let fields)? = service.Spec["Labels"] {
            for (key, value) in fields { if case .string(let text) = value { labels[key] = text } }
        }
        let changed = change(labels)
        guard changed != labels else { return .unchanged(labels) }
        service.Spec["Labels"] = .object(changed.mapValues { .string($0) })
        let response = try await send(.post, "/services/\(segment(reference))/update",
                                      query: [("version", String(service.Version.Index))], json: service.Spec)
        switch response.status {
        case 200..<300: return .updated(changed)
        case 404: return .absent
        default:
            // swarmkit answers a stale version with "update out of sequence" (HTTP 500 on 20.10).
            let error = failure(operation, response)
            if "\(error)".contains("out of sequence") { return .conflict }
            throw error
        }
    }

    public enum LabelUpdate: Sendable, Equatable {
        case updated([String: String])
        case unchanged([String: String])
        /// Changed by someone else since it was read.
        case conflict
        case absent
    }

    /// A secret (`kind: "secrets"`) or config (`"configs"`) with `data`; an existing one of the
    /// same name is `.nameConflict` (both are immutable, so names carry a hash of the data).
    ///
    /// Maps to POST /secrets/create or /configs/create
    public func createSwarmFile(
        _ kind: SwarmFileKind, name: String, data: Data, labels: [String: String]
    ) async throws -> DockerEngine.CreateResult {
        struct Body: Encodable {
            var Name: String
            var Labels: [String: String]
            var Data: String
        }
        struct Created: Decodable { var ID: String }
        let operation = "create \(kind.singular) \(name)"
        let response = try await send(.post, "/\(kind.rawValue)/create",
                                      json: Body(Name: name, Labels: labels, Data: data.base64EncodedString()))
        if let conflict = nameConflict(operation, response) { return conflict }
        guard response.isSuccess else { throw failure(operation, response) }
        return .created(id: try decode(Created.self, operation, response).ID, warnings: [])
    }

    /// Secrets or configs with all of `labels`: names and IDs.
    ///
    /// Maps to GET /secrets or /configs
    public func listSwarmFiles(_ kind: SwarmFileKind, labels: [String: String?]) async throws -> [SwarmFile] {
        struct Wire: Decodable {
            struct Spec: Decodable {
                var Name: String
                var Labels: [String: String]?
            }
            var ID: String
            var Spec: Spec
        }
        let operation = "list \(kind.rawValue)"
        let response = try await send(.get, "/\(kind.rawValue)", query: [("filters", try labelFilter(labels))])
        guard response.isSuccess else { throw failure(operation, response) }
        return try decode([Wire].self, operation, response).map { SwarmFile(id: $0.ID, name: $0.Spec.Name, labels: $0.Spec.Labels ?? [:]) }
    }

    /// A missing one is `.absent`; one still mounted by a service is an error.
    ///
    /// Maps to DELETE /secrets/{id} or /configs/{id}
    public func removeSwarmFile(_ kind: SwarmFileKind, _ reference: String) async throws -> ChangeResult {
        let response = try await send(.delete, "/\(kind.rawValue)/\(segment(reference))")
        switch response.status {
        case 200..<300: return .done
        case 404: return .absent
        default: throw failure("remove \(kind.singular) \(reference)", response)
        }
    }

    public enum SwarmFileKind: String, Sendable {
        case secrets, configs
        var singular: String { self == .secrets ? "secret" : "config" }
    }

    public struct SwarmFile: Sendable, Equatable {
        public var id: String
        public var name: String
        public var labels: [String: String]
    }

    /// This daemon's place in a swarm: `LocalNodeState` (`active`, `inactive`, …), whether it is
    /// a manager (`ControlAvailable`) and its node ID.
    ///
    /// Maps to GET /info
    public func swarmState() async throws -> SwarmState {
        struct Info: Decodable {
            struct Swarm: Decodable {
                var NodeID: String?
                var LocalNodeState: String?
                var ControlAvailable: Bool?
            }
            var Swarm: Swarm?
        }
        let response = try await send(.get, "/info")
        guard response.isSuccess else { throw failure("info", response) }
        let swarm = try decode(Info.self, "info", response).Swarm
        return SwarmState(localNodeState: swarm?.LocalNodeState ?? "inactive", isManager: swarm?.ControlAvailable ?? false,
                          nodeID: swarm?.NodeID ?? "")
    }

    public struct SwarmState: Sendable, Equatable {
        public var localNodeState: String
        public var isManager: Bool
        public var nodeID: String
    }
}
