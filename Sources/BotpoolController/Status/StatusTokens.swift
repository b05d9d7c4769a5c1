/// The bearer tokens the status API accepts: the operator's (`--token-file`) and one per tenant
/// (`--tenant-tokens`).
public struct StatusTokens: Sendable {
    public var operatorToken: String?
    /// Tenant name to its token.
    public var tenantTokens: [String: String]

    public init(operatorToken: String?, tenantTokens: [String: String] = [:]) {
        self.operatorToken = operatorToken
        self.tenantTokens = tenantTokens
    }

    /// Whose token an `Authorization` header carries; nil when none matches. Every token is
    /// compared, each in constant time, so the timing shows neither which one matched nor how
    /// much of one did.
    public func access(authorization header: String) -> StatusAccess? {
        guard let given = Self.bearerCredential(header) else { return nil }
        return access(token: given)
    }

    /// Whose token `given` is (the proxy's `X-Botpool-Token` or cookie); nil when none matches.
    func access(token given: [UInt8]) -> StatusAccess? {
        guard !given.isEmpty else { return nil }
        var access: StatusAccess?
        if let operatorToken, Self.constantTimeEquals(given, operatorToken) { access = .everything }
        for (tenant, token) in tenantTokens.sorted(by: { $0.key < $1.key }) {
            let matches = Self.constantTimeEquals(given, token)
            if matches, access == nil { access = .tenant(tenant) }
        }
        return access
    }

    /// The token after `Bearer ` (the scheme in any case: RFC 9110 schemes are case-insensitive).
    static func bearerCredential(_ header: String) -> [UInt8]? {
        let scheme = "bearer "
        guard header.utf8.count > scheme.utf8.count, header.prefix(scheme.count).lowercased() == scheme else { return nil }
        return Array(header.utf8.dropFirst(scheme.utf8.count))
    }

    static func constantTimeEquals(_ given: [UInt8], _ token: String) -> Bool {
        let expected = Array(token.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0
    }
}
