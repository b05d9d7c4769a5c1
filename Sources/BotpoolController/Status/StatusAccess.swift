/// Whom a status API request speaks for: the operator's token sees everything, a tenant's token
/// that tenant's bots only.
public enum StatusAccess: Sendable, Hashable {
    case everything
    case tenant(String)

    /// Whether this caller may see or act on the bots of `tenant`.
    public func covers(tenant: String) -> Bool {
        switch self {
        case .everything: true
        case .tenant(let own): own == tenant
        }
    }
}
