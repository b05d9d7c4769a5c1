import BotpoolManifest

/// A command's BOT argument: `tenant/name`, or `name` with the `--tenant` option.
enum BotArgument {
    static func id(_ argument: String, tenant: String) -> BotID {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return parts.count == 2 ? BotID(tenant: parts[0], name: parts[1]) : BotID(tenant: tenant, name: argument)
    }
}
