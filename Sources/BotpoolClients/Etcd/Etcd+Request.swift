import BotpoolTransport
import Foundation

extension Etcd.Client {
    /// POSTs `body` as JSON to a gateway route and decodes a 2xx answer. Statuses in `accept`
    /// other than 2xx answer nil (e.g. a revoke of a lease that is already gone).
    func call<Answer: Decodable>(
        _ route: String, _ body: some Encodable, as type: Answer.Type, nilOn accept: Set<Int> = []
    ) async throws(Etcd.Error) -> Answer? {
        let data: Data
        do {
            data = try JSONEncoder.etcd.encode(body)
        } catch {
            throw .malformedResponse(endpoint: endpoint, operation: route, detail: "cannot encode the request: \(error)")
        }
        let request = HTTPRequest(method: .post, path: route, headers: ["Content-Type": "application/json"], body: data,
                                  timeout: timeout, maxResponseBytes: maxResponseBytes)
        let response: HTTPResponse
        do {
            response = try await transport.exchange(request, endpoint: endpoint)
        } catch {
            throw .unreachable(endpoint: endpoint, error)
        }
        guard !response.truncated else {
            throw .malformedResponse(endpoint: endpoint, operation: route, detail: "answer larger than \(maxResponseBytes) bytes")
        }
        if accept.contains(response.status) { return nil }
        guard response.isSuccess else {
            let message = (try? JSONDecoder().decode(EtcdWire.Message.self, from: response.body))?.message
                ?? response.text.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .api(endpoint: endpoint, operation: route, status: response.status, message: message)
        }
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw .malformedResponse(endpoint: endpoint, operation: route, detail: "\(error)")
        }
    }
}

extension JSONEncoder {
    /// Sorted keys so that request bodies are stable (tests compare them byte for byte).
    static let etcd: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
