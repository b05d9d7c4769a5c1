import BotpoolClients
import BotpoolManifest
import BotpoolPlanner

extension ActionContext {
    func classSpec(_ name: String) throws -> PoolClassSpec {
        guard let spec = desired.poolClasses[name] else { throw ControllerError.unknownPoolClass(name) }
        return spec
    }

    /// The supervisord program of a bot on its slot, as every backend writes it: environment
    /// (secrets resolved), data dir inside the pool, uid of the port, and for a fork class the
    /// launcher that hands argv to the pool's zygote.
    func program(for target: Action.BotSlot, in pool: PoolTarget) throws -> (Bot, Supervisor.BotProgram) {
        let id = target.id
        let port = target.port
        guard let desired = bot(id) else { throw ControllerError.unknownBot(id) }
        let dataDir = StateLayout.containerDataDir(bot: id.name, slot: target.slot, sharedTenancy: pool.tenant == nil)
        let env = try BotEnvironment.resolve(desired.bot, port: port, dataDir: dataDir, secrets: secrets[id] ?? [:])
        // Above this line a fork bot is an exec bot; here its argv goes to the pool's zygote.
        let forked = try classSpec(pool.poolClass).forkRuntime != nil
        let argv = forked ? Supervisor.ForkRuntime.launcherArgv(for: desired.spec.command) : desired.spec.command
        let program = Supervisor.BotProgram(name: id.name, argv: argv, env: env, directory: dataDir,
                                            fingerprint: desired.fingerprint.encoded, uid: BotUser.uid(port: port))
        return (desired.bot, program)
    }
}
