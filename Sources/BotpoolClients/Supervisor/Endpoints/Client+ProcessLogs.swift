extension Supervisor.Client {
    /// Up to `length` bytes of a process's stdout log (stderr too, as botpool redirects it),
    /// from `offset`; offset 0 with a short length means "the last `length` bytes".
    ///
    /// Maps to XML-RPC supervisor.tailProcessStdoutLog
    public func tailProcessStdoutLog(_ name: String, offset: Int = 0, length: Int = 4096) async throws -> Lookup<Supervisor.LogTail> {
        let method = "supervisor.tailProcessStdoutLog"
        switch try await call(method, [.string(name), .int(offset), .int(length)]) {
        case .success(let value):
            guard let parts = value.array, parts.count == 3, let text = parts[0].string, let next = parts[1].int,
                  let overflow = parts[2].bool
            else { throw Supervisor.Error.malformedResponse(method: method, detail: "not [string, int, bool]") }
            return .found(Supervisor.LogTail(text: text, nextOffset: next, overflow: overflow))
        case .failure(let fault):
            let code = Supervisor.FaultCode(rawValue: fault.code)
            if code == .badName { return .absent }
            throw Supervisor.Error.fault(method: method, target: name, code: code, message: fault.string)
        }
    }
}
