extension DockerEngine.Client {
    /// Whether an image is present locally, and what it is.
    ///
    /// Maps to GET /images/{name}/json
    public func inspectImage(_ reference: String) async throws -> Lookup<DockerEngine.ImageDetails> {
        try await lookup(DockerEngine.ImageDetails.self, "inspect image \(reference)", "/images/\(segment(reference))/json")
    }
}
