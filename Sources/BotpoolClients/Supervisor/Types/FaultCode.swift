extension Supervisor {
    /// supervisord's fault codes (supervisor/xmlrpc.py `Faults`).
    public enum FaultCode: Sendable, Hashable, CustomStringConvertible {
        case unknownMethod, incorrectParameters, badArguments, signatureUnsupported, shutdownState
        case badName, badSignal, noFile, notExecutable, failed, abnormalTermination, spawnError
        case alreadyStarted, notRunning, success, alreadyAdded, stillRunning, cantReread
        case other(Int)

        private static let table: [(FaultCode, Int, String)] = [
            (.unknownMethod, 1, "UNKNOWN_METHOD"), (.incorrectParameters, 2, "INCORRECT_PARAMETERS"),
            (.badArguments, 3, "BAD_ARGUMENTS"), (.signatureUnsupported, 4, "SIGNATURE_UNSUPPORTED"),
            (.shutdownState, 6, "SHUTDOWN_STATE"), (.badName, 10, "BAD_NAME"), (.badSignal, 11, "BAD_SIGNAL"),
            (.noFile, 20, "NO_FILE"), (.notExecutable, 21, "NOT_EXECUTABLE"), (.failed, 30, "FAILED"),
            (.abnormalTermination, 40, "ABNORMAL_TERMINATION"), (.spawnError, 50, "SPAWN_ERROR"),
            (.alreadyStarted, 60, "ALREADY_STARTED"), (.notRunning, 70, "NOT_RUNNING"), (.success, 80, "SUCCESS"),
            (.alreadyAdded, 90, "ALREADY_ADDED"), (.stillRunning, 91, "STILL_RUNNING"), (.cantReread, 92, "CANT_REREAD"),
        ]

        public init(rawValue: Int) {
            self = Self.table.first { $0.1 == rawValue }?.0 ?? .other(rawValue)
        }

        public var rawValue: Int {
            if case .other(let code) = self { return code }
            return Self.table.first { $0.0 == self }?.1 ?? 0
        }

        /// supervisord's own name, e.g. `BAD_NAME`.
        public var description: String {
            if case .other(let code) = self { return "fault \(code)" }
            return Self.table.first { $0.0 == self }?.2 ?? "fault \(rawValue)"
        }
    }
}
