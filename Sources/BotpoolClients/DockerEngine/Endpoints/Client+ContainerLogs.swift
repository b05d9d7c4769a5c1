extension DockerEngine.Client {
    /// The last `tail` lines of a container's stdout and stderr, in order, as frames tagged by
    /// stream. A TTY container's output is one stdout frame (the daemon cannot tell the streams
    /// apart then).
    ///
    /// Maps to GET /containers/{id}/logs?stdout=true&stderr=true&tail={n}
    public func containerLogs(_ reference: String, tail: Int = 100) async throws -> Lookup<[DockerEngine.LogFrame]> {
        let response = try await send(
            .get, "/containers/\(segment(reference))/logs",
            query: [("stdout", "true"), ("stderr", "true"), ("tail", String(max(0, tail)))])
        if response.status == 404 { return .absent }
        guard response.isSuccess else { throw failure("logs of container \(reference)", response) }
        // The content type does not tell (API 1.41 calls both formats raw-stream), the bytes do:
        // TTY output essentially never starts with a 0/1/2 byte followed by three zeros.
        if let frames = DockerEngine.LogFrame.demultiplex(response.body) {
            return .found(frames)
        }
        return .found(response.body.isEmpty ? [] : [DockerEngine.LogFrame(stream: .stdout, bytes: response.body)])
    }
}
