extension DockerEngine.Client {
    /// Whether the daemon answers at all.
    ///
    /// Maps to GET /_ping
    public func ping(timeout: Duration? = nil) async throws {
        let response = try await send(.get, "/_ping", timeout: timeout, versioned: false)
        guard response.isSuccess else { throw failure("ping", response) }
    }

    /// The daemon's version and the API versions it speaks.
    ///
    /// Maps to GET /version
    public func version() async throws -> DockerEngine.VersionInfo {
        let response = try await send(.get, "/version", versioned: false)
        guard response.isSuccess else { throw failure("version", response) }
        return try decode(DockerEngine.VersionInfo.self, "version", response)
    }
}
