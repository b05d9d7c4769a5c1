import BotpoolTransport
import Foundation

extension Supervisor {
    /// An XML-RPC client of one pool's supervisord (`POST /RPC2` on its unix socket). Endpoint
    /// methods live in `Endpoints/` and throw only `Supervisor.Error`.
    public struct Client: Sendable {
        public let transport: any HTTPTransport
        /// Named in errors.
        public let socketPath: String
        public var timeout: Duration
        /// Sent with every call when the pool's supervisord asks for a login.
        public var credentials: Credentials?

        /// A client of the supervisord listening on `socketPath` (on the host, the bind-mounted
        /// `<state-dir>/pools/<pool>/run/supervisor.sock`).
        public init(socketPath: String, timeout: Duration = .seconds(30), credentials: Credentials? = nil,
                    executor: BlockingExecutor = .shared) {
            self.init(transport: CurlTransport(endpoint: .unixSocket(path: socketPath), executor: executor),
                      socketPath: socketPath, timeout: timeout, credentials: credentials)
        }

        /// A client of a supervisord listening on TCP (a swarm pool's `[inet_http_server]`);
        /// errors name the endpoint where they would name the socket.
        public init(endpoint: HTTPEndpoint, timeout: Duration = .seconds(30), credentials: Credentials? = nil,
                    executor: BlockingExecutor = .shared) {
            self.init(transport: CurlTransport(endpoint: endpoint, executor: executor),
                      socketPath: endpoint.description, timeout: timeout, credentials: credentials)
        }

        public init(transport: any HTTPTransport, socketPath: String, timeout: Duration = .seconds(30),
                    credentials: Credentials? = nil) {
            self.transport = transport
            self.socketPath = socketPath
            self.timeout = timeout
            self.credentials = credentials
        }

        /// Calls `method`, returning its value or its fault; throws only when there is neither.
        public func call(
            _ method: String, _ params: [XMLRPC.Value] = [], timeout: Duration? = nil
        ) async throws -> Result<XMLRPC.Value, XMLRPC.Fault> {
            var headers = ["Content-Type": "text/xml"]
            headers["Authorization"] = credentials?.authorization
            let request = HTTPRequest(
                method: .post, path: "/RPC2", headers: headers,
                body: XMLRPC.encodeCall(method, params), timeout: timeout ?? self.timeout,
                maxResponseBytes: XMLRPC.maxResponseBytes)
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch let error as TransportError {
                throw Error.unreachable(socketPath: socketPath, error)
            }
            guard !response.truncated else {
                throw Error.malformedResponse(method: method, detail: "answer larger than \(XMLRPC.maxResponseBytes >> 20) MiB")
            }
            guard response.status != 401 else {
                throw Error.malformedResponse(method: method, detail: "login refused (HTTP 401): not this pool's supervisord")
            }
            guard response.status == 200 else {
                throw Error.malformedResponse(method: method, detail: "HTTP \(response.status) \(response.text.prefix(200))")
            }
            do {
                return try XMLRPC.decodeResponse(response.body)
            } catch {
                throw Error.malformedResponse(method: method, detail: error.description)
            }
        }

        /// Calls `method` and decodes its value; every fault is an error.
        func value<Value>(
            _ method: String, _ params: [XMLRPC.Value] = [], target: String? = nil, timeout: Duration? = nil,
            _ decode: (XMLRPC.Value) throws(DecodingProblem) -> Value
        ) async throws -> Value {
            switch try await call(method, params, timeout: timeout) {
            case .success(let value):
                do {
                    return try decode(value)
                } catch {
                    throw Error.malformedResponse(method: method, detail: error.detail)
                }
            case .failure(let fault):
                throw Error.fault(method: method, target: target, code: FaultCode(rawValue: fault.code), message: fault.string)
            }
        }

        /// Calls a method that changes a process or group; the routine faults become values.
        func change(
            _ method: String, _ params: [XMLRPC.Value], target: String, timeout: Duration? = nil,
            alreadyDone: Set<FaultCode>
        ) async throws -> ChangeResult {
            switch try await call(method, params, timeout: timeout) {
            case .success:
                return .done
            case .failure(let fault):
                let code = FaultCode(rawValue: fault.code)
                if alreadyDone.contains(code) { return .alreadyDone }
                if code == .badName { return .absent }
                throw Error.fault(method: method, target: target, code: code, message: fault.string)
            }
        }
    }
}
