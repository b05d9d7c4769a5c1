extension Supervisor {
    /// A botpool command line read back from `getAllConfigInfo` (see `ProgramWriter`).
    public struct ProgramCommand: Sendable, Equatable {
        /// The text after `BOTPOOL_SPEC=`, unchecked (the controller decodes it).
        public var fingerprintText: String
        public var env: [String: String]
        public var argv: [String]

        /// Nil for a command botpool did not write.
        public init?(parsing command: String) {
            guard var words = ShellWords.split(command), words.first == ProgramWriter.envPath,
                  words.count >= 3, words[1].hasPrefix(ProgramWriter.fingerprintVariable + "=")
            else { return nil }
            fingerprintText = String(words[1].dropFirst(ProgramWriter.fingerprintVariable.count + 1))
            words.removeFirst(2)
            env = [:]
            while let word = words.first, let equals = word.firstIndex(of: "=") {
                env[String(word[..<equals])] = String(word[word.index(after: equals)...])
                words.removeFirst()
            }
            guard !words.isEmpty else { return nil }
            argv = words
        }
    }

    /// POSIX shell-style word splitting as Python's `shlex.split` does it (no comments).
    enum ShellWords {
        /// Nil for an unterminated quote or a trailing backslash.
        static func split(_ text: String) -> [String]? {
            var words: [String] = []
            // Code points, not Characters: Python's shlex sees a quote followed by a combining
            // mark as two characters, and so must this.
            var word = String.UnicodeScalarView()
            var inWord = false
            var quote: Unicode.Scalar?
            var escaped = false
            for character in text.unicodeScalars {
                if escaped {
                    if quote == "\"" && character != "\"" && character != "\\" { word.append("\\") }
                    word.append(character)
                    escaped = false
                } else if let open = quote {
                    if character == open {
                        quote = nil
                    } else if character == "\\" && open == "\"" {
                        escaped = true
                    } else {
                        word.append(character)
                    }
                } else if character == " " || character == "\t" || character == "\n" || character == "\r" {
                    if inWord { words.append(String(word)) }
                    word = String.UnicodeScalarView()
                    inWord = false
                } else {
                    inWord = true
                    if character == "'" || character == "\"" {
                        quote = character
                    } else if character == "\\" {
                        escaped = true
                    } else {
                        word.append(character)
                    }
                }
            }
            guard quote == nil, !escaped else { return nil }
            if inWord { words.append(String(word)) }
            return words
        }
    }
}
