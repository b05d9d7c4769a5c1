extension Supervisor.Client {
    /// Every process of every added group, with its state.
    ///
    /// Maps to XML-RPC supervisor.getAllProcessInfo
    public func getAllProcessInfo() async throws -> [Supervisor.ProcessInfo] {
        try await value("supervisor.getAllProcessInfo") { value throws(Supervisor.DecodingProblem) in
            try Supervisor.DecodingProblem.list(value, "process infos", Supervisor.ProcessInfo.init)
        }
    }

    /// Every program as last read from disk, sorted by name; carries botpool's spec fingerprint
    /// in `program`.
    ///
    /// Maps to XML-RPC supervisor.getAllConfigInfo
    public func getAllConfigInfo() async throws -> [Supervisor.ProcessConfigInfo] {
        try await value("supervisor.getAllConfigInfo") { value throws(Supervisor.DecodingProblem) in
            try Supervisor.DecodingProblem.list(value, "config infos", Supervisor.ProcessConfigInfo.init)
        }
    }
}
