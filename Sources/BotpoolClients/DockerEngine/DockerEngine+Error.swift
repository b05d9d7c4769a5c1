import BotpoolTransport

extension DockerEngine {
    /// What the caller cannot plan for. Expected outcomes (absent, name conflict, already
    /// stopped) are values, never these.
    public enum Error: Swift.Error, CustomStringConvertible, Sendable {
        /// No response: the daemon is not running, the socket is missing, or it did not answer.
        case daemonUnreachable(TransportError)
        /// The daemon answered with a status the operation does not expect; `message` is its own.
        case api(operation: String, status: Int, message: String)
        /// The daemon is older than anything botpool speaks.
        case unsupportedAPIVersion(server: APIVersion, minimum: APIVersion)
        /// A 2xx response whose body is not what the API documents.
        case malformedResponse(operation: String, detail: String)

        public var description: String {
            switch self {
            case .daemonUnreachable(let error):
                Self.unreachable(error)
            case .api(let operation, let status, let message):
                "docker \(operation): \(status) \(message.isEmpty ? "(no message)" : message)"
            case .unsupportedAPIVersion(let server, let minimum):
                "the Docker daemon speaks API \(server), botpool needs at least \(minimum); upgrade Docker"
            case .malformedResponse(let operation, let detail):
                "docker \(operation): unexpected response: \(detail)"
            }
        }

        private static func unreachable(_ error: TransportError) -> String {
            switch error {
            case .cannotConnect(let endpoint, let reason):
                "cannot connect to the Docker daemon at \(endpoint): \(reason) — is dockerd running? (scripts/setup starts one)"
            case .timedOut(let endpoint, let after, _):
                "the Docker daemon at \(endpoint) did not answer: timed out after \(after.secondsText) s"
            default:
                "Docker daemon: \(error)"
            }
        }
    }
}
