extension DockerEngine.Client {
    /// Whether an image is present locally, and what it is.
    ///
    /// Maps to GET /images/{name}/json
    public func inspectImage(_ reference: String) async throws -> Lookup<DockerEngine.ImageDetails> {
        let operation = "inspect image \(reference)"
        let response = try await send(.get, "/images/\(segment(reference))/json")
        if response.status == 404 { return .absent }
        guard response.isSuccess else { throw failure(operation, response) }
        return .found(try decode(DockerEngine.ImageDetails.self, operation, response))
    }
}
