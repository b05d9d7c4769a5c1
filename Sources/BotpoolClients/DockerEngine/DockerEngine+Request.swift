import BotpoolTransport
import Foundation

extension DockerEngine.Client {
    /// Sends `path` under the negotiated version prefix (`/v1.41/containers/json`) unless
    /// `versioned` is false, and turns "no response" into `daemonUnreachable`.
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json body: (any Encodable)? = nil,
        timeout: Duration? = nil, versioned: Bool = true
    ) async throws -> HTTPResponse {
        var headers: [String: String] = [:]
        var data: Data?
        if let body {
            headers["Content-Type"] = "application/json"
            data = try JSONEncoder.docker.encode(body)
        }
        let request = HTTPRequest(
            method: method, path: (versioned ? "/v\(apiVersion)" : "") + path, query: query,
            headers: headers, body: data, timeout: timeout ?? self.timeout)
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as TransportError {
            throw DockerEngine.Error.daemonUnreachable(error)
        }
        guard !response.truncated else {
            throw DockerEngine.Error.malformedResponse(
                operation: "\(method) \(path)", detail: "answer larger than \(request.maxResponseBytes >> 20) MiB")
        }
        return response
    }

    /// The daemon's error for an unexpected status, with its `{"message": …}` when present.
    func failure(_ operation: String, _ response: HTTPResponse) -> DockerEngine.Error {
        struct Message: Decodable { var message: String }
        let message = (try? JSONDecoder().decode(Message.self, from: response.body))?.message
            ?? response.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return .api(operation: operation, status: response.status, message: message)
    }

    /// A create answered 409: the name is taken (by what, the daemon's message says).
    func nameConflict(_ operation: String, _ response: HTTPResponse) -> DockerEngine.CreateResult? {
        guard response.status == 409 else { return nil }
        guard case .api(_, _, let message) = failure(operation, response) else { return .nameConflict(message: "") }
        return .nameConflict(message: message)
    }

    func decode<Value: Decodable>(_ type: Value.Type, _ operation: String, _ response: HTTPResponse) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw DockerEngine.Error.malformedResponse(operation: operation, detail: "\(error)")
        }
    }

    /// GET that decodes a 2xx body, and answers `.absent` for 404.
    func lookup<Value: Decodable>(_ type: Value.Type, _ operation: String, _ path: String) async throws -> Lookup<Value> {
        let response = try await send(.get, path)
        if response.status == 404 { return .absent }
        guard response.isSuccess else { throw failure(operation, response) }
        return .found(try decode(type, operation, response))
    }

    /// Percent-encodes a container or image reference for a path; `/`, `:` and `@` stay, as in
    /// `botpool/pool:dev` or `image@sha256:…`, which the daemon's router expects literally.
    func segment(_ reference: String) -> String {
        HTTPQuery.escape(reference, keeping: "/:@")
    }
}

extension JSONEncoder {
    /// Sorted keys so that request bodies are stable (tests compare them byte for byte).
    static let docker: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
