extension Supervisor.Client {
    /// Atomically writes `<name>.conf` into a swarm pool's program directory (0600, root's).
    /// Then `reloadConfig` + `addProcessGroup`, as on the Docker backend.
    ///
    /// Maps to XML-RPC botpool.writeProgram (SwarmPoolPlugin)
    public func writeProgram(name: String, text: String) async throws {
        try await done("botpool.writeProgram", [.string(name), .string(text)], target: name)
    }

    /// Deletes `<name>.conf` from a swarm pool's program directory; a missing file is fine.
    ///
    /// Maps to XML-RPC botpool.removeProgram (SwarmPoolPlugin)
    public func removeProgram(name: String) async throws {
        try await done("botpool.removeProgram", [.string(name)], target: name)
    }

    /// Makes `/bots/<name>` the bot's (owner `uid`, group root, 0710 as on the Docker backend;
    /// a tree left by an earlier uid is re-owned) and writes `files` (name → contents) into it
    /// as the bot. A link or a file at `/bots/<name>` is a `FAILED` fault, and nothing is touched.
    ///
    /// Maps to XML-RPC botpool.prepareData (SwarmPoolPlugin)
    public func prepareData(name: String, uid: Int, files: [String: String]) async throws {
        try await done("botpool.prepareData", [.string(name), .int(uid), .structure(files.mapValues { .string($0) })],
                       target: name, timeout: timeout + .seconds(30))
    }

    /// Deletes `/bots/<name>` and all in it, as the bot and never through a link (a link at
    /// `/bots/<name>` is removed itself); a missing dir is fine. Stop the bot first: a file it
    /// writes meanwhile fails the call.
    ///
    /// Maps to XML-RPC botpool.removeData (SwarmPoolPlugin)
    public func removeData(name: String, uid: Int) async throws {
        try await done("botpool.removeData", [.string(name), .int(uid)], target: name, timeout: timeout + .seconds(30))
    }

    /// The plugin's protocol version (`SwarmPoolPlugin.protocolVersion` when it is current);
    /// an `UNKNOWN_METHOD` fault when the pool's supervisord has not loaded it.
    ///
    /// Maps to XML-RPC botpool.version (SwarmPoolPlugin)
    public func pluginVersion() async throws -> String {
        try await value("botpool.version") { value throws(Supervisor.DecodingProblem) in
            guard let version = value.string else { throw Supervisor.DecodingProblem(detail: "version is not a string") }
            return version
        }
    }

    /// Calls a plugin method that answers `true` or a fault; every fault is an error.
    private func done(_ method: String, _ params: [XMLRPC.Value], target: String, timeout: Duration? = nil) async throws {
        try await value(method, params, target: target, timeout: timeout) { value throws(Supervisor.DecodingProblem) in
            guard value.bool == true else { throw Supervisor.DecodingProblem(detail: "answer is not true") }
        }
    }
}
