extension Supervisor {
    /// Quoting for a value that supervisord reads through three layers, each of which would
    /// otherwise change it:
    /// 1. configparser (`inline_comment_prefixes=(';', '#')`): a `;` or `#` after whitespace ends
    ///    the value, quotes or not; a line break ends the line.
    /// 2. `%` expansion: `%(name)s` is substituted and a lone `%` is an error. Worse, before that
    ///    an `[include]`d file has every literal `%(here)s` replaced, so even `%%(here)s` breaks.
    /// 3. `shlex.split` (POSIX mode): whitespace splits, quotes and backslashes are syntax.
    ///
    /// Each word is written as single-quoted runs of ordinary characters; `'`, `;` and `#` go
    /// outside the quotes behind a backslash (so never after whitespace), `%` goes outside as
    /// `%%` (so it is never followed by `(`). An empty word is `''`.
    enum ConfigQuoting {
        static func word(_ text: String) -> String {
            var result = ""
            var quoted = false
            for scalar in text.unicodeScalars {
                switch scalar {
                case "'", ";", "#", "%":
                    if quoted { result += "'" }
                    quoted = false
                    result += scalar == "%" ? "%%" : "\\" + String(scalar)
                default:
                    if !quoted { result += "'" }
                    quoted = true
                    result.unicodeScalars.append(scalar)
                }
            }
            if quoted { result += "'" }
            return result.isEmpty ? "''" : result
        }

        /// Characters no quoting can carry: configparser reads with universal newlines.
        static func unwritable(_ text: String) -> String? {
            if text.contains("\n") || text.contains("\r") { return "contains a line break" }
            if text.contains("\u{0}") { return "contains a NUL character" }
            return nil
        }

        /// Paths and names written without quoting must need none.
        static func isPlain(_ text: String) -> Bool {
            !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "/", ".", "_", "-": true
                default: false
                }
            }
        }
    }
}
