/// `--tenant-dirs`: a file below `<manifests>/<tenant>/` may declare only Bots of `<tenant>`;
/// PoolClasses belong in the files at the top of the manifests directory. A GitOps repository
/// can then give each tenant its own directory (and CODEOWNERS) without letting that tenant
/// declare other tenants' bots or the operator's classes.
public enum TenantDirectories {
    /// The tenant directory of `file`, found below `directory` as the finder names it: the first
    /// path component under `directory` when the file is not directly in it; nil otherwise.
    public static func tenant(of file: String, below directory: String) -> String? {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        guard file.hasPrefix(prefix) else { return nil }
        let components = file.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: true)
        guard components.count >= 2 else { return nil }
        return String(components[0])
    }
}

/// A Bot document in another tenant's directory: reported, and kept out of the cross-document
/// checks so it can neither break nor shadow what the bot's own tenant declares.
struct Trespass {
    var id: BotID
    var diagnostic: Diagnostic
}

/// Screens the documents of one file in tenant directory `tenant`.
struct TenantDirectoryCheck {
    let tenant: String

    struct Screened {
        var kept: [DecodedDocument] = []
        var trespasses: [Trespass] = []
        /// One error per PoolClass found here; the class is not used.
        var refusedClasses: [Diagnostic] = []

        mutating func merge(_ other: Screened) {
            kept += other.kept
            trespasses += other.trespasses
            refusedClasses += other.refusedClasses
        }
    }

    func screen(_ documents: [DecodedDocument]) -> Screened {
        var screened = Screened()
        let badDirectory = NameRules.dnsLabel(tenant)
        for document in documents {
            switch document {
            case .bot(let bot) where bot.id.tenant != tenant || badDirectory != nil:
                let message = badDirectory.map { "directory \(quoted(tenant)) is not a tenant name (\($0)); move the file" }
                    ?? "Bot of tenant \(quoted(bot.id.tenant)) in the directory of tenant \(quoted(tenant)); "
                        + "files below \(tenant)/ may declare only tenant \(quoted(tenant))"
                screened.trespasses.append(Trespass(
                    id: bot.id,
                    diagnostic: Diagnostic(.error, bot.tenantLocation ?? bot.nameLocation, path: "metadata.tenant", message)))
            case .poolClass(let poolClass):
                screened.refusedClasses.append(Diagnostic(
                    .error, poolClass.nameLocation, path: "kind",
                    "PoolClass \(quoted(poolClass.name)) in the directory of tenant \(quoted(tenant)); "
                        + "PoolClasses belong in files at the top of the manifests directory"))
            default:
                screened.kept.append(document)
            }
        }
        return screened
    }
}

extension ManifestSet {
    /// Reports each trespass, and freezes the bot it names unless that bot's own tenant
    /// declares it: a misplaced document must not get a running bot removed, but it cannot
    /// hold back what its owner declares either.
    mutating func record(_ screened: TenantDirectoryCheck.Screened, declared: Set<BotID>) {
        diagnostics = (diagnostics + screened.trespasses.map(\.diagnostic) + screened.refusedClasses).sortedBySource()
        declaredBots += screened.trespasses.count
        declaredPoolClasses += screened.refusedClasses.count
        for trespass in screened.trespasses where !declared.contains(trespass.id) {
            frozenBots.insert(trespass.id)
            if frozenReasons[trespass.id] == nil { frozenReasons[trespass.id] = trespass.diagnostic }
        }
    }
}
