import BotpoolClients
import BotpoolManifest

/// What a pool says about its programs is evidence, not authority: a bot inside the pool can
/// write program files and, as root in the container, answer for supervisord. A program counts
/// as a bot only when its identity could have come from this controller: DNS-1123 names (so
/// neither can name a path outside the bot's own), named after the bot it claims to be, of the
/// pool's own tenant, on one of the pool's ports. Anything else is left alone and reported,
/// never a reason to write or delete.
enum ReadBack {
    /// No pool has more slots than this; a larger port claim is not a slot at all.
    static let maxSlots = 4096

    struct Claim {
        var id: BotID
        var slot: Int
    }

    static func claim(program name: String, command: Supervisor.ProgramCommand, pool: PoolMetadata) -> Result<Claim, Rejection> {
        guard let tenant = command.env["BOTPOOL_TENANT"], let bot = command.env["BOTPOOL_BOT"] else {
            return .failure(Rejection(program: name, reason: "no BOTPOOL_TENANT or BOTPOOL_BOT"))
        }
        let id = BotID(tenant: tenant, name: bot)
        if let problem = id.problem { return .failure(Rejection(program: name, reason: problem)) }
        guard bot == name else {
            return .failure(Rejection(program: name, reason: "claims to be bot \(bot)"))
        }
        if let own = pool.tenant, own != tenant {
            return .failure(Rejection(program: name, reason: "claims tenant \(tenant) in a pool of tenant \(own)"))
        }
        guard let port = command.env["BOTPOOL_PORT"].flatMap(Int.init),
              case let (slot, overflow) = port.subtractingReportingOverflow(pool.basePort), !overflow,
              (0..<maxSlots).contains(slot)
        else {
            return .failure(Rejection(program: name, reason: "port \(command.env["BOTPOOL_PORT"] ?? "none") is not one of the pool's"))
        }
        return .success(Claim(id: id, slot: slot))
    }

    struct Rejection: Error, CustomStringConvertible {
        var program: String
        var reason: String
        var description: String { "program \(program): \(reason); ignored" }
    }
}
