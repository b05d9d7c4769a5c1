#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shapes of names and values that end up in paths, container names, config sections and
/// environments. Each returns nil when fine, else the reason.
enum NameRules {
    /// Bot, tenant and PoolClass names: they become directory and container names.
    static func dnsLabel(_ name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.utf8.count > 63 { return "\(quoted(name)) is longer than 63 characters" }
        if !ASCIIShape.dnsLabel(name.utf8) {
            return "\(quoted(name)) is not a DNS-1123 label (lower-case letters, digits and '-', "
                + "starting and ending with a letter or digit)"
        }
        return nil
    }

    /// Kubernetes label keys: an optional DNS subdomain prefix and `/`, then a name.
    static func labelKey(_ key: String) -> String? {
        var name = Substring(key)
        if let slash = key.lastIndex(of: "/") {
            let prefix = key[..<slash]
            name = key[key.index(after: slash)...]
            if prefix.isEmpty || prefix.utf8.count > 253
                || !prefix.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy(ASCIIShape.dnsLabel) {
                return "label key prefix \(quoted(String(prefix))) is not a DNS subdomain"
            }
        }
        if name.isEmpty || labelValue(String(name)) != nil {
            return "label key \(quoted(key)) is not valid (at most 63 letters, digits, '-', '_', '.', "
                + "starting and ending with a letter or digit)"
        }
        return nil
    }

    static func labelValue(_ value: String) -> String? {
        if value.isEmpty { return nil }
        if value.utf8.count > 63 || !ASCIIShape.labelValue(value.utf8) {
            return "label value \(quoted(value)) is not valid (at most 63 letters, digits, '-', '_', '.', "
                + "starting and ending with a letter or digit)"
        }
        return nil
    }

    /// POSIX environment variable names; `BOTPOOL_` is reserved for the injected ones.
    static func envName(_ name: String) -> String? {
        if !ASCIIShape.identifier(name.utf8) {
            return "env name \(quoted(name)) is not a POSIX identifier ([A-Za-z_][A-Za-z0-9_]*)"
        }
        if name.hasPrefix("BOTPOOL_") {
            return "env name \(quoted(name)) uses the reserved prefix BOTPOOL_ (botpool injects these)"
        }
        return nil
    }

    /// A newline or NUL cannot be written safely into a supervisord program section.
    static func lineSafe(_ value: String, what: String) -> String? {
        if value.contains("\n") || value.contains("\r") { return "\(what) must not contain a newline" }
        if value.contains("\0") { return "\(what) must not contain a NUL character" }
        return nil
    }

    /// A file name inside a bot's data dir: no directories, no way out of it.
    static func fileName(_ name: String) -> String? {
        if name.isEmpty || name == "." || name == ".." || name.contains("/") {
            return "file name \(quoted(name)) must be a plain file name (no '/', not '.' or '..')"
        }
        return lineSafe(name, what: "file name")
    }

    /// "" or an IPv4/IPv6 address literal.
    static func hostIP(_ text: String) -> String? {
        if text.isEmpty { return nil }
        var buffer = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1 { return nil }
        return "\(quoted(text)) is not an IPv4 or IPv6 address (use \"\" to not publish)"
    }

    /// Python module names for preload: dotted identifiers.
    static func moduleName(_ name: String) -> String? {
        if !name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy(ASCIIShape.identifier) {
            return "\(quoted(name)) is not a dotted Python module name"
        }
        return nil
    }

    /// `${NAME}` may only name the variables botpool injects.
    static let injectedEnv = ["BOTPOOL_PORT", "BOTPOOL_BOT", "BOTPOOL_TENANT", "BOTPOOL_DATA_DIR"]

    static func expansions(_ value: String) -> String? {
        var rest = Substring(value)
        while let start = rest.firstRange(of: "${") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                return "unterminated \"${\" (only ${BOTPOOL_PORT}, ${BOTPOOL_BOT}, ${BOTPOOL_TENANT}, "
                    + "${BOTPOOL_DATA_DIR} expand)"
            }
            let name = String(rest[start.upperBound..<end])
            if !injectedEnv.contains(name) {
                return "${\(name)} cannot be expanded; only \(injectedEnv.map { "${\($0)}" }.joined(separator: ", ")) are"
            }
            rest = rest[rest.index(after: end)...]
        }
        return nil
    }
}

extension BotID {
    /// Why this id could not come from a valid manifest (a name or tenant that is not a DNS-1123
    /// label, so it could name a path outside the bot's own), nil when it could. For ids read
    /// back from places a bot can write.
    public var problem: String? {
        NameRules.dnsLabel(tenant).map { "tenant \($0)" } ?? NameRules.dnsLabel(name).map { "name \($0)" }
    }

    /// Why `tenant` cannot be a tenant's name (not a DNS-1123 label), nil when it can.
    public static func tenantProblem(_ tenant: String) -> String? {
        NameRules.dnsLabel(tenant)
    }
}
