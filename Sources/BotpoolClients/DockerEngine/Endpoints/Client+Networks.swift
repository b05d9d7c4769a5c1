import BotpoolTransport
import Foundation

extension DockerEngine.Client {
    /// A bridge network (or, with `driver: "overlay"`, an attachable swarm overlay that pools
    /// and the controller join); a taken name is `.nameConflict`, not an error
    /// (`CheckDuplicate`, so daemons before API 1.44 refuse a second network of the same name too).
    ///
    /// Maps to POST /networks/create
    public func createNetwork(
        _ name: String, labels: [String: String], options: [String: String] = [:], driver: String = "bridge", isInternal: Bool = false
    ) async throws -> DockerEngine.CreateResult {
        struct Body: Encodable {
            var Name: String
            var Driver: String
            var Attachable: Bool?
            var Internal: Bool?
            var CheckDuplicate = true
            var Labels: [String: String]
            var Options: [String: String]
        }
        struct Created: Decodable {
            var Id: String
            var Warning: String?
        }
        let operation = "create network \(name)"
        let response = try await send(.post, "/networks/create", json: Body(Name: name, Driver: driver, Attachable: driver == "overlay" ? true : nil,
                                                                               Internal: isInternal ? true : nil,
                                                                               Labels: labels, Options: options))
        if let conflict = nameConflict(operation, response) { return conflict }
        guard response.isSuccess else { throw failure(operation, response) }
        let created = try decode(Created.self, operation, response)
        return .created(id: created.Id, warnings: created.Warning.map { $0.isEmpty ? [] : [$0] } ?? [])
    }

    /// Maps to GET /networks/{id}
    public func inspectNetwork(_ reference: String) async throws -> Lookup<DockerEngine.NetworkDetails> {
        try await lookup(DockerEngine.NetworkDetails.self, "inspect network \(reference)", "/networks/\(segment(reference))")
    }

    /// Joins a container to a network (an attachable overlay, for a standalone container);
    /// already connected is `.done` too.
    ///
    /// Maps to POST /networks/{id}/connect
    public func connectNetwork(_ network: String, container: String) async throws -> ChangeResult {
        struct Body: Encodable { var Container: String }
        let operation = "connect container \(container) to network \(network)"
        let response = try await send(.post, "/networks/\(segment(network))/connect", json: Body(Container: container))
        return try membershipChange(operation, response, forbiddenBecause: "already exists", means: .done)
    }

    /// Force: also when the container is stopped. Not connected is `.absent`.
    ///
    /// Maps to POST /networks/{id}/disconnect
    public func disconnectNetwork(_ network: String, container: String) async throws -> ChangeResult {
        struct Body: Encodable {
            var Container: String
            var Force = true
        }
        let operation = "disconnect container \(container) from network \(network)"
        let response = try await send(.post, "/networks/\(segment(network))/disconnect", json: Body(Container: container))
        return try membershipChange(operation, response, forbiddenBecause: "not connected", means: .absent)
    }

    /// Docker answers 403 when the container already is (or is not) on the network.
    private func membershipChange(
        _ operation: String, _ response: HTTPResponse, forbiddenBecause reason: String, means result: ChangeResult
    ) throws -> ChangeResult {
        switch response.status {
        case 200..<300: return .done
        case 404: return .absent
        case 403 where response.text.contains(reason): return result
        default: throw failure(operation, response)
        }
    }

    /// A missing network is `.absent`.
    ///
    /// Maps to DELETE /networks/{id}
    public func removeNetwork(_ reference: String) async throws -> ChangeResult {
        let operation = "remove network \(reference)"
        let response = try await send(.delete, "/networks/\(segment(reference))")
        switch response.status {
        case 200..<300: return .done
        case 404: return .absent
        default: throw failure(operation, response)
        }
    }
}
