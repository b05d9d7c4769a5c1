extension Supervisor.Client {
    /// Starts a process (`name` or `group:name`). With `wait`, returns once it has stayed up for
    /// `startsecs`, and a quick exit fails with `ABNORMAL_TERMINATION` or `SPAWN_ERROR`; without,
    /// returns at spawn and the outcome shows in `getAllProcessInfo`.
    ///
    /// Maps to XML-RPC supervisor.startProcess
    public func startProcess(_ name: String, wait: Bool = false) async throws -> ChangeResult {
        try await change(
            "supervisor.startProcess", [.string(name), .bool(wait)], target: name, timeout: timeout + .seconds(30),
            alreadyDone: [.alreadyStarted])
    }

    /// Stops a process with its stopsignal, then SIGKILL after `stopwaitsecs`. With `wait`,
    /// returns once it is gone.
    ///
    /// Maps to XML-RPC supervisor.stopProcess
    public func stopProcess(_ name: String, wait: Bool = true) async throws -> ChangeResult {
        try await change(
            "supervisor.stopProcess", [.string(name), .bool(wait)], target: name, timeout: timeout + .seconds(30),
            alreadyDone: [.notRunning])
    }

    /// Sends a signal (`"KILL"`, `"HUP"`, or a number) to a running process.
    ///
    /// Maps to XML-RPC supervisor.signalProcess
    public func signalProcess(_ name: String, signal: String) async throws -> ChangeResult {
        try await change("supervisor.signalProcess", [.string(name), .string(signal)], target: name, alreadyDone: [.notRunning])
    }
}
