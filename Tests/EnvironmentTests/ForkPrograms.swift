import Foundation

/// supervisord program sections of a fork pool, as the program writer is to emit them: the
/// zygote program, and bots whose command runs `botpool-launch` instead of the bot's argv.
enum ForkPrograms {
    /// Contains a dot, which no bot name (a DNS-1123 label) can, so it never collides.
    static let zygote = "zygote.botpool"
    static let socket = "/botpool/supervisor/zygote.sock"
    static let zygoteScript = "/usr/local/lib/botpool/zygote.py"
    static let launcher = "/usr/local/bin/botpool-launch"

    /// `environment` is a ready `environment=` value (values without quotes or commas only).
    static func zygoteSection(
        python: String, preload: [String], environment: String? = nil, autorestart: Bool = true
    ) -> String {
        """
        [program:\(zygote)]
        command=\(python) \(zygoteScript) --socket \(socket) --preload \(preload.joined(separator: ",")) --status-file /botpool/supervisor/zygote.json
        priority=1
        autorestart=\(autorestart)
        startsecs=1
        stopsignal=TERM
        stopwaitsecs=15
        redirect_stderr=true
        stdout_logfile=/botpool/supervisor/logs/\(zygote).log
        \(environment.map { "environment=\($0)" } ?? "")

        """
    }

    /// A bot run through the launcher; env goes through /usr/bin/env as the program writer does.
    static func botSection(
        name: String, argv: [String], env: [String: String], directory: String,
        autostart: Bool = true, autorestart: Bool = false, startsecs: Int = 1, startretries: Int = 0
    ) -> String {
        let words = ["/usr/bin/env"] + env.keys.sorted().map { ConfigWord.quote("\($0)=\(env[$0] ?? "")") }
            + [launcher, "--socket", socket, "--"] + argv.map(ConfigWord.quote)
        return """
            [program:\(name)]
            command=\(words.joined(separator: " "))
            directory=\(directory)
            autostart=\(autostart)
            autorestart=\(autorestart)
            startsecs=\(startsecs)
            startretries=\(startretries)
            stopsignal=TERM
            stopwaitsecs=10
            stopasgroup=true
            killasgroup=true
            redirect_stderr=true
            stdout_logfile=/botpool/supervisor/logs/\(name).log

            """
    }
}

/// One word of a supervisord `command=`, surviving configparser's inline comments (`;`/`#`
/// after whitespace), `%` expansion (also of `%(here)s` in included files) and POSIX shlex:
/// single-quoted runs, with `'`, `;` and `#` outside behind a backslash and `%` outside as `%%`.
/// The same scheme as the program writer's `Supervisor.ConfigQuoting.word` on main.
enum ConfigWord {
    static func quote(_ text: String) -> String {
        var result = ""
        var open = false
        for scalar in text.unicodeScalars {
            let special = scalar == "'" || scalar == ";" || scalar == "#" || scalar == "%"
            if special == open {
                result += "'"
                open.toggle()
            }
            if special {
                result += scalar == "%" ? "%%" : "\\\(scalar)"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        if open { result += "'" }
        return result.isEmpty ? "''" : result
    }
}
