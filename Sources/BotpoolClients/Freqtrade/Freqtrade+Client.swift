import BotpoolTransport
import Foundation

extension Freqtrade {
    /// A client for one bot's API. Endpoint methods live in `Endpoints/`; each names its route.
    /// All methods throw only `Freqtrade.Error`, and every error names `endpoint`.
    public struct Client: Sendable {
        public let transport: any HTTPTransport
        /// How errors name the bot's API, e.g. `http://127.0.0.1:9100`.
        public let endpoint: String
        public var credentials: Credentials
        public var timeout: Duration
        /// `/status` of a bot with many open trades is the largest answer (~2 KiB per trade).
        public var maxResponseBytes: Int

        public init(transport: any HTTPTransport, endpoint: String, credentials: Credentials,
                    timeout: Duration = .seconds(5), maxResponseBytes: Int = 1 << 20) {
            self.transport = transport
            self.endpoint = endpoint
            self.credentials = credentials
            self.timeout = timeout
            self.maxResponseBytes = maxResponseBytes
        }

        /// A client over libcurl for `http://host:port`.
        public init(url: String, credentials: Credentials, timeout: Duration = .seconds(5)) throws(TransportError) {
            let endpoint = try HTTPEndpoint(parsing: url, tls: nil)
            self.init(transport: CurlTransport(endpoint: endpoint), endpoint: endpoint.description, credentials: credentials,
                      timeout: timeout)
        }

        /// Sends one request to `/api/v1/<route>` and decodes a 2xx answer.
        func call<Answer: Decodable>(
            _ method: HTTPMethod, _ route: String, as type: Answer.Type, authorized: Bool = true
        ) async throws(Freqtrade.Error) -> Answer {
            let path = "/api/v1/" + route
            var headers = ["Accept": "application/json"]
            if authorized { headers["Authorization"] = credentials.authorization }
            let request = HTTPRequest(method: method, path: path, headers: headers, body: method == .post ? Data() : nil,
                                      timeout: timeout, maxResponseBytes: maxResponseBytes)
            let response: HTTPResponse
            do {
                response = try await transport.exchange(request, endpoint: endpoint)
            } catch {
                throw .unreachable(endpoint: endpoint, error)
            }
            guard !response.truncated else {
                throw .malformedResponse(endpoint: endpoint, route: path, detail: "answer larger than \(maxResponseBytes) bytes")
            }
            guard response.isSuccess else { throw Freqtrade.Error.from(response, endpoint: endpoint, route: path) }
            do {
                return try JSONDecoder().decode(type, from: response.body)
            } catch {
                throw .malformedResponse(endpoint: endpoint, route: path, detail: "\(error)")
            }
        }
    }
}
