import BotpoolTransport
import Foundation

/// Swarm mode on the same Engine API: nodes, one-replica services, their tasks, overlay networks.
extension DockerEngine.Client {
    /// Maps to GET /nodes
    public func listNodes() async throws -> [DockerEngine.SwarmNode] {
        let response = try await send(.get, "/nodes")
        guard response.isSuccess else { throw failure("list nodes", response) }
        return try decode([DockerEngine.SwarmNode].self, "list nodes", response)
    }

    /// Sets a node's availability (`drain` cordons it), keeping its role and labels. `node`
    /// must be as just listed: the update names its version, and a node changed since is a 409.
    ///
    /// Maps to POST /nodes/{id}/update?version=N
    public func updateNode(_ node: DockerEngine.SwarmNode, availability: String) async throws {
        struct Spec: Encodable {
            var Availability: String
            var Role: String
            var Labels: [String: String]
        }
        let operation = "update node \(node.hostname)"
        let response = try await send(.post, "/nodes/\(segment(node.id))/update", query: [("version", String(node.version))],
                                      json: Spec(Availability: availability, Role: node.role, Labels: node.labels))
        guard response.isSuccess else { throw failure(operation, response) }
    }

    /// Services with all of `labels` (a nil value: the label with any value).
    ///
    /// Maps to GET /services
    public func listServices(labels: [String: String?]) async throws -> [DockerEngine.ServiceSummary] {
        let response = try await send(.get, "/services", query: [("filters", try labelFilter(labels))])
        guard response.isSuccess else { throw failure("list services", response) }
        return try decode([DockerEngine.ServiceSummary].self, "list services", response)
    }

    /// A taken name is `.nameConflict`, as for containers.
    ///
    /// Maps to POST /services/create
    public func createService(_ spec: DockerEngine.ServiceSpec) async throws -> DockerEngine.CreateResult {
        struct Created: Decodable {
            var ID: String
            var Warnings: [String]?
        }
        let operation = "create service \(spec.name)"
        let response = try await send(.post, "/services/create", json: spec.body)
        if let conflict = nameConflict(operation, response) { return conflict }
        guard response.isSuccess else { throw failure(operation, response) }
        let created = try decode(Created.self, operation, response)
        return .created(id: created.ID, warnings: created.Warnings ?? [])
    }

    /// A missing service is `.absent`.
    ///
    /// Maps to DELETE /services/{id}
    public func removeService(_ reference: String) async throws -> ChangeResult {
        let response = try await send(.delete, "/services/\(segment(reference))")
        switch response.status {
        case 200..<300: return .done
        case 404: return .absent
        default: throw failure("remove service \(reference)", response)
        }
    }

    /// Tasks of services with all of `labels`: one list for every pool of a controller.
    ///
    /// Maps to GET /tasks
    public func listTasks(labels: [String: String?]) async throws -> [DockerEngine.SwarmTask] {
        let response = try await send(.get, "/tasks", query: [("filters", try labelFilter(labels))])
        guard response.isSuccess else { throw failure("list tasks", response) }
        return try decode([DockerEngine.SwarmTask].self, "list tasks", response)
    }

    /// `{"label": ["k=v", "k2"]}`, keys sorted (stable requests).
    func labelFilter(_ labels: [String: String?]) throws -> String {
        let terms = labels.keys.sorted().map { key in labels[key].flatMap { $0 }.map { "\(key)=\($0)" } ?? key }
        return String(decoding: try JSONEncoder.docker.encode(["label": terms]), as: UTF8.self)
    }
}
