extension Supervisor.Client {
    /// supervisord's own state; `.running` once it serves requests normally.
    ///
    /// Maps to XML-RPC supervisor.getState
    public func getState() async throws -> Supervisor.DaemonState {
        try await value("supervisor.getState") { value throws(Supervisor.DecodingProblem) in
            let fields = try Supervisor.DecodingProblem.structure(value, "state")
            guard let code = fields["statecode"]?.int, let state = Supervisor.DaemonState(rawValue: code) else {
                throw Supervisor.DecodingProblem(detail: "statecode \(String(describing: fields["statecode"]))")
            }
            return state
        }
    }
}
