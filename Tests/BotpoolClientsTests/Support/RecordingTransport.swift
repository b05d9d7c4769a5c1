import BotpoolTransport
import Foundation
import Synchronization

/// The one fake: records every request and answers with canned responses in order (the last
/// one repeats). An `Error` in the script is thrown instead of answering.
final class RecordingTransport: HTTPTransport {
    enum Reply: Sendable {
        case response(HTTPResponse)
        case failure(TransportError)
    }

    private let state: Mutex<(requests: [HTTPRequest], replies: [Reply])>

    init(_ replies: [Reply]) {
        state = Mutex(([], replies))
    }

    convenience init(status: Int = 200, json: String = "", headers: [String: String] = [:]) {
        self.init([.response(HTTPResponse(status: status, headers: headers, body: Data(json.utf8)))])
    }

    convenience init(responses: [HTTPResponse]) {
        self.init(responses.map(Reply.response))
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    var lastRequest: HTTPRequest? { requests.last }

    /// The last request's body as text (JSON and XML bodies are text).
    var lastBody: String { lastRequest?.body.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let reply: Reply? = state.withLock { state in
            state.requests.append(request)
            return state.replies.count > 1 ? state.replies.removeFirst() : state.replies.first
        }
        switch reply {
        case .response(let response): return response
        case .failure(let error): throw error
        case nil: return HTTPResponse(status: 500, body: Data("no canned response".utf8))
        }
    }
}
