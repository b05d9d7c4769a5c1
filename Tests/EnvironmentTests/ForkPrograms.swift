import BotpoolClients
import BotpoolManifest
import Foundation

/// supervisord program sections of a fork pool, written by botpool's own writer (the zygote
/// program of `Supervisor.ForkRuntime`, bots by `Supervisor.ProgramWriter` with the launcher in
/// front of their argv), with the few settings a test needs changed by name.
enum ForkPrograms {
    static let zygote = Supervisor.ForkRuntime.programName

    static func zygoteSection(python: String, preload: [String], settings: [String: String] = [:]) -> String {
        adjust(Supervisor.ForkRuntime(python: python, preload: preload).programSection(), settings)
    }

    /// A bot exactly as the controller writes it for a fork class, then `settings`
    /// (e.g. `autostart=false`, so a test starts bots itself); `launcherWait` replaces the
    /// launcher's default wait for the zygote's socket.
    static func botSection(
        name: String, argv: [String], env: [String: String], directory: String, settings: [String: String] = [:],
        launcherWait: Int? = nil
    ) -> String {
        var launcher = Supervisor.ForkRuntime.launcherArgv(for: argv)
        if let launcherWait { launcher.insert(contentsOf: ["--wait", "\(launcherWait)"], at: 1) }
        let program = Supervisor.BotProgram(
            name: name, argv: launcher, env: env, directory: directory,
            fingerprint: SpecFingerprint(components: ["command": UInt32(truncatingIfNeeded: StableHash.of(argv.joined(separator: " ")))]).encoded
        )
        do {
            return adjust(try Supervisor.ProgramWriter.render(program), settings)
        } catch {
            fatalError("the program writer refused a test program: \(error)")
        }
    }

    /// Replaces each `key=` line of the section; a key it does not have is appended.
    static func adjust(_ section: String, _ settings: [String: String]) -> String {
        var lines = section.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            if let index = lines.firstIndex(where: { $0.hasPrefix(key + "=") }) {
                lines[index] = key + "=" + value
            } else {
                lines.append(key + "=" + value)
            }
        }
        return lines.joined(separator: "\n") + "\n\n"
    }
}
