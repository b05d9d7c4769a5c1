import BotpoolManifest

/// What the controller's own code reports; client errors pass through as they are.
public enum ControllerError: Error, CustomStringConvertible, Sendable {
    case unknownPoolClass(String)
    case unknownBot(BotID)
    case secretUnavailable(bot: BotID, variable: String, path: String)
    case nameTaken(container: String, reason: String)
    case supervisorNotReady(pool: String, seconds: Int, lastError: String)
    case file(String)
    case socketPathTooLong(pool: String, path: String)
    case socketReplaced(pool: String, path: String)
    case networkTaken(name: String, reason: String)

    public var description: String {
        switch self {
        case .unknownPoolClass(let name):
            "pool class \(name) is not declared in the manifests"
        case .unknownBot(let id):
            "bot \(id) is not declared in the manifests"
        case .secretUnavailable(let bot, let variable, let path):
            "bot \(bot): env \(variable): secret file \(path) was not readable this pass"
        case .nameTaken(let container, let reason):
            "container name \(container) is taken by a container botpool does not own (\(reason)); remove or rename it"
        case .supervisorNotReady(let pool, let seconds, let lastError):
            "pool \(pool): supervisord did not answer within \(seconds) s: \(lastError)"
        case .file(let message):
            message
        case .socketPathTooLong(let pool, let path):
            "pool \(pool): supervisord socket path \(path) is \(path.utf8.count) bytes, over the 107 a unix socket allows; use a shorter --state-dir"
        case .networkTaken(let name, let reason):
            "network \(name) exists but is not this controller's pool network (\(reason)); remove it (docker network rm \(name))"
        case .socketReplaced(let pool, let path):
            "pool \(pool): \(path) is not a unix socket (missing, or replaced by a symlink or file inside the pool); not connecting"
        }
    }
}
