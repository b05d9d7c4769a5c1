import BotpoolTransport
import Foundation

extension DockerEngine.Client {
    /// All containers, running or not, that carry every given label (`key=value`, or `key`
    /// alone for "has the label"), in one call.
    ///
    /// Maps to GET /containers/json?all=true&filters={"label":[…]}
    public func listContainers(labels: [String: String?]) async throws -> [DockerEngine.ContainerSummary] {
        let response = try await send(.get, "/containers/json", query: [("all", "true"), ("filters", try labelFilter(labels))])
        guard response.isSuccess else { throw failure("list containers", response) }
        return try decode([DockerEngine.ContainerSummary].self, "list containers", response)
    }

    /// One container by name or id.
    ///
    /// Maps to GET /containers/{id}/json
    public func inspectContainer(_ reference: String) async throws -> Lookup<DockerEngine.ContainerDetails> {
        try await lookup(
            DockerEngine.ContainerDetails.self, "inspect container \(reference)", "/containers/\(segment(reference))/json")
    }

    /// Creates (does not start) a container; a taken name is `.nameConflict`, not an error.
    ///
    /// Maps to POST /containers/create?name={name}
    public func createContainer(_ spec: DockerEngine.ContainerSpec) async throws -> DockerEngine.CreateResult {
        struct Created: Decodable {
            var Id: String
            var Warnings: [String]?
        }
        let operation = "create container \(spec.name)"
        let response = try await send(.post, "/containers/create", query: [("name", spec.name)], json: spec.body)
        if let conflict = nameConflict(operation, response) { return conflict }
        guard response.isSuccess else { throw failure(operation, response) }
        let created = try decode(Created.self, operation, response)
        return .created(id: created.Id, warnings: created.Warnings ?? [])
    }

    /// Maps to POST /containers/{id}/start
    public func startContainer(_ reference: String) async throws -> ChangeResult {
        try await change("start container \(reference)", .post, "/containers/\(segment(reference))/start")
    }

    /// Sends the stop signal, then SIGKILL after `timeout`.
    ///
    /// Maps to POST /containers/{id}/stop?t={seconds}
    public func stopContainer(_ reference: String, timeout: Duration = .seconds(10)) async throws -> ChangeResult {
        let seconds = max(0, Int(timeout.components.seconds))
        return try await change(
            "stop container \(reference)", .post, "/containers/\(segment(reference))/stop",
            query: [("t", String(seconds))], wait: timeout + .seconds(30))
    }

    /// A container that is not running is `.alreadyDone`.
    ///
    /// Maps to POST /containers/{id}/kill?signal={signal}
    public func killContainer(_ reference: String, signal: String = "KILL") async throws -> ChangeResult {
        try await change(
            "kill container \(reference)", .post, "/containers/\(segment(reference))/kill",
            query: [("signal", signal)], conflictMeansDone: true)
    }

    /// Removes a container even while it runs, with its anonymous volumes; a missing one is
    /// `.absent`. A removal already in progress (someone's `docker rm -f`: 409) is waited out
    /// for up to `waitForRemoval`: the container is going, which is what the caller asked for.
    ///
    /// Maps to DELETE /containers/{id}?force=true&v=true
    public func removeContainer(_ reference: String, waitForRemoval: Duration = .seconds(30)) async throws -> ChangeResult {
        let operation = "remove container \(reference)"
        let response = try await send(.delete, "/containers/\(segment(reference))", query: [("force", "true"), ("v", "true")])
        switch response.status {
        case 200..<300: return .done
        case 404: return .absent
        case 409 where response.text.contains("already in progress"):
            try await waitUntilGone(reference, within: waitForRemoval, else: failure(operation, response))
            return .done
        default: throw failure(operation, response)
        }
    }

    /// Polls until the container is gone; throws `error` if it is still there at the deadline
    /// and after at least `minimumPolls` looks (a machine that stalls the task past the deadline
    /// must not make it give up without having looked).
    private func waitUntilGone(_ reference: String, within limit: Duration, else error: DockerEngine.Error,
                               minimumPolls: Int = 5) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var polls = 0
        while true {
            try await Task.sleep(for: .milliseconds(100))
            let response = try await send(.get, "/containers/\(segment(reference))/json")
            if response.status == 404 { return }
            polls += 1
            if clock.now >= deadline && polls >= minimumPolls { throw error }
        }
    }

    /// 2xx is done, 304 already done, 404 absent; with `conflictMeansDone`, 409 is already done.
    private func change(
        _ operation: String, _ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
        wait: Duration? = nil, conflictMeansDone: Bool = false
    ) async throws -> ChangeResult {
        let response = try await send(method, path, query: query, timeout: wait)
        switch response.status {
        case 200..<300: return .done
        case 304: return .alreadyDone
        case 404: return .absent
        case 409 where conflictMeansDone: return .alreadyDone
        default: throw failure(operation, response)
        }
    }
}
