import BotpoolClients
#if canImport(Glibc)
import Glibc
#endif

/// Who a bot runs as inside its pool: uid and gid `base + port`, never root. A bot's port is
/// unique on the host among running bots (it is published there), so no two bots, of one pool
/// or of any two pools, share a uid: one cannot signal, trace or read the environment of
/// another, reach supervisord's socket (root only), or open another's data dir.
///
/// Its data dir is owned by that uid with group root and mode 0710: the bot has it to itself,
/// and supervisord and the zygote (root, without CAP_DAC_OVERRIDE) can still enter it to start
/// the bot there. A bot that moves to another port gets its data dir re-owned before it starts.
public enum BotUser {
    public static let base = 100_000

    public static func uid(port: Int) -> Int {
        base + port
    }

    public static func dataOwner(port: Int) -> ConfinedRoot.Owner {
        ConfinedRoot.Owner(uid: uid_t(uid(port: port)), gid: 0)
    }

    /// Data dir of a bot run as its own uid: see above.
    public static let dataDirPermissions: mode_t = 0o710
    /// The directories above data dirs (`tenants/`, `<tenant>/`, `bots/`) and a pool's run dir:
    /// traversable by every bot, listable by root only.
    public static let passagePermissions: mode_t = 0o711
}
