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

    /// The bots configured in `conf.d`, with process state UNKNOWN: the programs supervisord will
    /// start again when the pool container is recreated on this directory. Programs whose
    /// identity the pool could have forged (see `ReadBack`) are returned apart, not as bots.
    static func scan(directory: String, pool: PoolMetadata) -> (bots: [ObservedBot], rejected: [ReadBack.Rejection]) {
        let confDir = directory + "/" + Supervisor.PoolConfig.programDirectory
        let files = (try? FileManager.default.contentsOfDirectory(atPath: confDir)) ?? []
        var bots: [ObservedBot] = []
        var rejected: [ReadBack.Rejection] = []
        for file in files.sorted() where file.hasSuffix(".conf") && isBotProgram(String(file.dropLast(5))) {
            guard let text = try? String(contentsOfFile: confDir + "/" + file, encoding: .utf8),
                  let program = command(in: text)
            else { continue }
            switch ReadBack.claim(program: String(file.dropLast(5)), command: program, pool: pool) {
            case .success(let claim):
                bots.append(ObservedBot(id: claim.id, slot: claim.slot, fingerprint: program.fingerprint,
                                        deletionPolicy: program.fingerprint?.deletionPolicy ?? .retain, process: .unknown))
            case .failure(let rejection):
                rejected.append(rejection)
            }
        }
        return (bots, rejected)
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
