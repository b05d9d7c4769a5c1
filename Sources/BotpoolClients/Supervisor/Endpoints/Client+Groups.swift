extension Supervisor.Client {
    /// Re-reads the config files; starts and stops nothing. A file supervisord cannot parse
    /// fails the whole reload with `CANT_REREAD`.
    ///
    /// Maps to XML-RPC supervisor.reloadConfig
    public func reloadConfig() async throws -> Supervisor.ReloadResult {
        try await value("supervisor.reloadConfig") { value throws(Supervisor.DecodingProblem) in
            let outer = try Supervisor.DecodingProblem.array(value, "reload result")
            guard let lists = outer.first?.array, lists.count == 3 else {
                throw Supervisor.DecodingProblem(detail: "reload result is not [[added, changed, removed]]")
            }
            let names = lists.map { ($0.array ?? []).compactMap(\.string) }
            return Supervisor.ReloadResult(added: names[0], changed: names[1], removed: names[2])
        }
    }

    /// Activates a group read by `reloadConfig` (its autostart programs start). `.alreadyDone`
    /// when it is active, `.absent` when no config of that name was read.
    ///
    /// Maps to XML-RPC supervisor.addProcessGroup
    public func addProcessGroup(_ name: String) async throws -> ChangeResult {
        try await change("supervisor.addProcessGroup", [.string(name)], target: name, alreadyDone: [.alreadyAdded])
    }

    /// Deactivates a stopped group; `.absent` when it is not active. A running group fails with
    /// `STILL_RUNNING`: stop it first.
    ///
    /// Maps to XML-RPC supervisor.removeProcessGroup
    public func removeProcessGroup(_ name: String) async throws -> ChangeResult {
        try await change("supervisor.removeProcessGroup", [.string(name)], target: name, alreadyDone: [])
    }
}
