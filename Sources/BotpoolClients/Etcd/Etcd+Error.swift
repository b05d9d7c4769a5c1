import BotpoolTransport

extension Etcd {
    /// What the caller cannot plan for; an expired lease or a key held by another is a value.
    public enum Error: Swift.Error, CustomStringConvertible, Sendable {
        /// No response from the member.
        case unreachable(endpoint: String, TransportError)
        /// The gateway answered a status the operation does not expect; `message` is etcd's.
        case api(endpoint: String, operation: String, status: Int, message: String)
        /// A 2xx answer that is not what the gateway documents, or one past the size bound.
        case malformedResponse(endpoint: String, operation: String, detail: String)

        public var description: String {
            switch self {
            case .unreachable(let endpoint, let error):
                "etcd at \(endpoint) did not answer: \(error)"
            case .api(let endpoint, let operation, let status, let message):
                "etcd at \(endpoint): \(operation): \(status) \(message.isEmpty ? "(no message)" : message)"
            case .malformedResponse(let endpoint, let operation, let detail):
                "etcd at \(endpoint): \(operation): unexpected answer: \(detail)"
            }
        }
    }
}
