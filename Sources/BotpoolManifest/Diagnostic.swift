/// A problem found in a manifest. Validation collects all of them instead of stopping at the first.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    /// Dotted field path inside the document, e.g. `spec.env.FOO` or `spec.command[2]`; "" for the document.
    public var path: String
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, path: String, _ message: String) {
        self.severity = severity
        self.location = location
        self.path = path
        self.message = message
    }

    /// `file:line:col: error: field.path: message`
    public var description: String {
        let field = path.isEmpty ? "" : "\(path): "
        return "\(location): \(severity.rawValue): \(field)\(message)"
    }
}
