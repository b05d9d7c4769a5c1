import ArgumentParser
import BotpoolManifest
import Yams

/// `--tenant-tokens FILE`: a YAML map, one `tenant: token` line per tenant. A tenant's token
/// sees and acts on that tenant's bots only.
enum TenantTokenFile {
    static let option = "--tenant-tokens"

    /// Tenant to token. Refuses a file group or others may read or write, names that are not
    /// tenant names, empty tokens or ones with spaces or control characters, and a token given
    /// twice (or equal to the operator's, which would make it ambiguous whose it is).
    static func read(_ path: String, operatorToken: String?) throws -> [String: String] {
        try TokenFile.requirePrivate(path, option: option)
        let text = try TokenFile.text(path, option: option)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ValidationError("\(option) \(path): not valid YAML: \(error)")
        }
        guard case .mapping(let mapping)? = node, !mapping.isEmpty else {
            throw ValidationError("\(option) \(path): expected a map of tenant: token, one line per tenant")
        }
        var tokens: [String: String] = [:]
        var owners: [String: String] = [:]
        for (key, value) in mapping {
            let line = key.mark.map { "\(path):\($0.line)" } ?? path
            guard let tenant = key.scalar?.string, let token = value.scalar?.string else {
                throw ValidationError("\(option) \(line): expected tenant: token")
            }
            if let problem = BotID.tenantProblem(tenant) {
                throw ValidationError("\(option) \(line): tenant \(tenant): \(problem)")
            }
            guard tokens[tenant] == nil else { throw ValidationError("\(option) \(line): tenant \(tenant) given twice") }
            guard !token.isEmpty, token.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
                throw ValidationError("\(option) \(line): the token of \(tenant) must be non-empty printable ASCII without spaces")
            }
            if let other = owners[token] {
                throw ValidationError("\(option) \(line): tenants \(other) and \(tenant) have the same token")
            }
            if token == operatorToken {
                throw ValidationError("\(option) \(line): the token of \(tenant) is the operator's (--token-file)")
            }
            tokens[tenant] = token
            owners[token] = tenant
        }
        return tokens
    }
}
