import BotpoolTransport

extension Supervisor {
    /// What the caller cannot plan for. Routine faults (already started, not running, no such
    /// group) come back as `ChangeResult` values instead.
    public enum Error: Swift.Error, CustomStringConvertible, Sendable {
        /// No response on the pool's socket.
        case unreachable(socketPath: String, TransportError)
        /// supervisord refused: `method(target)` failed with `code` and its message.
        case fault(method: String, target: String?, code: FaultCode, message: String)
        /// Not an XML-RPC answer (wrong status, or a body that does not parse).
        case malformedResponse(method: String, detail: String)
        /// The program writer refused a value that could not be written safely.
        case invalidProgram(name: String, reason: String)

        public var description: String {
            switch self {
            case .unreachable(let path, let error):
                Self.unreachable(path, error)
            case .fault(let method, let target, let code, let message):
                // supervisord's messages usually start with the fault's name already.
                "supervisord \(method)\(target.map { "(\($0))" } ?? ""): "
                    + (message.hasPrefix("\(code)") ? message : "\(code): \(message)")
            case .malformedResponse(let method, let detail):
                "supervisord \(method): unexpected response: \(detail)"
            case .invalidProgram(let name, let reason):
                "program \(name): \(reason)"
            }
        }

        /// The fault code, when supervisord answered with a fault.
        public var faultCode: FaultCode? {
            if case .fault(_, _, let code, _) = self { return code }
            return nil
        }

        private static func unreachable(_ path: String, _ error: TransportError) -> String {
            switch error {
            case .cannotConnect(_, .noSuchFile):
                "supervisord socket \(path) not found — is the pool container running?"
            case .cannotConnect(_, .refused):
                "supervisord socket \(path): connection refused — supervisord is not running (stale socket)"
            case .cannotConnect(_, let reason):
                "supervisord socket \(path): \(reason)"
            case .timedOut(_, let after, _):
                "supervisord socket \(path): no answer, timed out after \(after.secondsText) s"
            default:
                "supervisord socket \(path): \(error)"
            }
        }
    }
}
