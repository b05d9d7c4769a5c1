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
    static func scan(_ root: ConfinedRoot, config: String, pool: PoolMetadata) -> (bots: [ObservedBot], rejected: [ReadBack.Rejection]) {
        var bots: [ObservedBot] = []
        var rejected: [ReadBack.Rejection] = []
        for file in names(root, config: config).sorted() {
            guard let program = read(root, config: config, program: file) else { continue }
            switch ReadBack.claim(program: file, command: program, pool: pool) {
            case .success(let claim):
                let fingerprint = program.fingerprint
                bots.append(ObservedBot(id: claim.id, slot: claim.slot, fingerprint: fingerprint,
                                        deletionPolicy: fingerprint?.deletionPolicy ?? .retain, process: .unknown))
            case .failure(let rejection):
                rejected.append(rejection)
            }
        }
        return (bots, rejected)
    }

    /// Bot names with a program file in `conf.d` (one directory read).
    static func names(_ root: ConfinedRoot, config: String) -> [String] {
        root.contentsOfDirectory(config + "/" + Supervisor.PoolConfig.programDirectory).compactMap { file in
            guard file.hasSuffix(".conf") else { return nil }
            let name = String(file.dropLast(5))
            return isBotProgram(name) ? name : nil
        }
    }

    /// A program file is a few KiB; anything larger is not one botpool wrote.
    static let maxFileBytes = 1 << 20

    /// The command of `conf.d/<program>.conf`, read without following links.
    static func read(_ root: ConfinedRoot, config: String, program: String) -> Supervisor.ProgramCommand? {
        let path = config + "/" + Supervisor.ProgramWriter.relativePath(for: program)
        guard let data = root.read(path, maxBytes: maxFileBytes), let text = String(data: data, encoding: .utf8) else { return nil }
        return command(in: text)
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
