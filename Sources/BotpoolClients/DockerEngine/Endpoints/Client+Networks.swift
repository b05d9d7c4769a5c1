import BotpoolTransport
import Foundation

extension DockerEngine.Client {
    /// A bridge network (or, with `driver: "overlay"`, an attachable swarm overlay that pools
    /// and the controller join); a taken name is `.nameConflict`, not an error
    /// (`CheckDuplicate`, so daemons before API 1.44 refuse a second network of the same name too).
    ///
    /// Maps to POST /networks/create
    public func createNetwork(
        _ name: String, labels: [String: String], options: [String: String] = [:], driver: String = "bridge"
    ) async throws -> DockerEngine.CreateResult {
        struct Body: Encodable {
            var Name: String
            var Driver: String
            var Attachable: Bool?
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
