import BotpoolTransport
import Foundation
import Logging

extension DockerEngine {
    /// A Docker Engine API client bound to one negotiated API version. Endpoint methods live in
    /// `Endpoints/`; each names its route. All methods throw only `DockerEngine.Error`.
    public struct Client: Sendable {
        /// The newest API version whose request and response shapes this client was written for.
        public static let maximumAPIVersion = APIVersion(1, 43)
        /// The oldest it accepts (Docker 19.03); every field used exists since then.
        public static let minimumAPIVersion = APIVersion(1, 40)

        public let transport: any HTTPTransport
        public let apiVersion: APIVersion
        /// For requests that do not say otherwise.
        public var timeout: Duration
        let logger: Logger

        /// A client for a known API version, without asking the daemon.
        public init(transport: any HTTPTransport, apiVersion: APIVersion, timeout: Duration = .seconds(30),
                    logger: Logger = Logger(label: "botpool.docker")) {
            self.transport = transport
            self.apiVersion = apiVersion
            self.timeout = timeout
            self.logger = logger
        }

        /// Asks the daemon for its version (`GET /version`, unversioned) and uses the lower of
        /// its API version and `maximumAPIVersion`.
        public static func connect(
            transport: any HTTPTransport, timeout: Duration = .seconds(30),
            logger: Logger = Logger(label: "botpool.docker")
        ) async throws -> Client {
            let probe = Client(transport: transport, apiVersion: maximumAPIVersion, timeout: timeout, logger: logger)
            let version = try await probe.version()
            guard let server = APIVersion(version.apiVersion) else {
                throw Error.malformedResponse(operation: "version", detail: "ApiVersion \"\(version.apiVersion)\"")
            }
            guard server >= minimumAPIVersion else {
                throw Error.unsupportedAPIVersion(server: server, minimum: minimumAPIVersion)
            }
            let chosen = min(server, maximumAPIVersion)
            logger.debug("docker api negotiated", metadata: ["server": "\(server)", "using": "\(chosen)"])
            return Client(transport: transport, apiVersion: chosen, timeout: timeout, logger: logger)
        }
    }
}
