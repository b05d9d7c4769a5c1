import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Foundation

/// Reading bots back from program files, for pools whose supervisord cannot be asked.
enum ProgramFiles {
    /// Bot names are DNS-1123 labels; programs with other names (the fork zygote) are the pool's own.
    static func isBotProgram(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && name.first != "-"
    }

    static func botID(_ program: Supervisor.ProgramCommand) -> BotID? {
        guard let tenant = program.env["BOTPOOL_TENANT"], let name = program.env["BOTPOOL_BOT"] else { return nil }
        return BotID(tenant: tenant, name: name)
    }

    /// The bots configured in `conf.d`, with process state UNKNOWN: the programs supervisord will
    /// start again when the pool container is recreated on this directory.
    static func scan(directory: String, basePort: Int) -> [ObservedBot] {
        let confDir = directory + "/" + Supervisor.PoolConfig.programDirectory
        let files = (try? FileManager.default.contentsOfDirectory(atPath: confDir)) ?? []
        var bots: [ObservedBot] = []
        for file in files.sorted() where file.hasSuffix(".conf") && isBotProgram(String(file.dropLast(5))) {
            guard let text = try? String(contentsOfFile: confDir + "/" + file, encoding: .utf8),
                  let program = command(in: text),
                  let id = botID(program),
                  let port = program.env["BOTPOOL_PORT"].flatMap(Int.init)
            else { continue }
            bots.append(ObservedBot(id: id, slot: port - basePort, fingerprint: program.fingerprint,
                                    deletionPolicy: program.fingerprint?.deletionPolicy ?? .retain, process: .unknown))
        }
        return bots
    }

    /// The `command=` value as supervisord would hand it back: the writer doubles every `%`
    /// and writes no `%(name)s`, so undoing the doubling is supervisord's whole expansion.
    static func command(in file: String) -> Supervisor.ProgramCommand? {
        for line in file.split(separator: "\n") where line.hasPrefix("command=") {
            let raw = line.dropFirst("command=".count).replacingOccurrences(of: "%%", with: "%")
            return Supervisor.ProgramCommand(parsing: raw)
        }
        return nil
    }
}
