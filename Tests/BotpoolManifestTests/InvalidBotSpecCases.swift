/// Invalid `spec` fields of a Bot. `Fixtures.bot(extra)` puts `poolClass: quick` on line 6,
/// `command: [run]` on line 7 and `extra` from line 8.
enum InvalidBotSpecCases {
    static let header = Fixtures.botHeader

    static let all: [InvalidCase] = command + env + files + resources + policies + health + freqtrade + disruption

    static let freqtrade: [InvalidCase] = [
        .init("freqtrade without a password variable", Fixtures.bot("  freqtrade: {api: {username: botpool}}\n"),
              8, 14, "spec.freqtrade", "botpool logs in to the bot's API with FREQTRADE__API_SERVER__PASSWORD from spec.env: set it (fromFile)"),
        .init("freqtrade without a user", Fixtures.bot("  env: {FREQTRADE__API_SERVER__PASSWORD: x}\n  freqtrade: {}\n"),
              9, 14, "spec.freqtrade", "name the API login's user: api.username, or FREQTRADE__API_SERVER__USERNAME in spec.env"),
        .init("freqtrade period out of range",
              Fixtures.bot("  env: {FREQTRADE__API_SERVER__PASSWORD: x}\n  freqtrade: {api: {username: u, periodSeconds: 0}}\n"),
              9, 49, "spec.freqtrade.api.periodSeconds", "0 is out of range 1..3600"),
        .init("freqtrade unknown api field", Fixtures.bot("  freqtrade: {api: {user: u}}\n"),
              8, 21, "spec.freqtrade.api.user", #"unknown field "user""#, errors: 2),
    ]

    static let disruption: [InvalidCase] = [
        .init("WhenFlat without spec.freqtrade", Fixtures.bot("  disruption: {policy: WhenFlat}\n"),
              8, 24, "spec.disruption.policy", "WhenFlat needs spec.freqtrade: botpool reads the open trades from the bot's API"),
        .init("unknown disruption policy", Fixtures.bot("  disruption: {policy: Sometimes}\n"),
              8, 24, "spec.disruption.policy",
              #"invalid value "Sometimes"; must be one of Always, WhenFlat, Manual"#),
        .init("drain timeout is not a duration", Fixtures.bot("  disruption: {policy: Manual, drainTimeout: soon}\n"),
              8, 46, "spec.disruption.drainTimeout", #"invalid duration "soon" (use e.g. 15m, 90s, 1h30m or 0)"#),
        .init("drain timeout of zero", Fixtures.bot("  disruption: {drainTimeout: 0}\n"),
              8, 30, "spec.disruption.drainTimeout", "must be at least 1s"),
        .init("unknown disruption field", Fixtures.bot("  disruption: {policy: Always, timeout: 1m}\n"),
              8, 32, "spec.disruption.timeout", #"unknown field "timeout""#),
    ]

    static let command: [InvalidCase] = [
        .init("unknown field with suggestion", Fixtures.bot("  comand: [x]\n"),
              8, 3, "spec.comand", #"unknown field "comand"; did you mean "command"?"#),
        .init("command is a string", header + "  poolClass: quick\n  command: run\n",
              7, 12, "spec.command", "expected a list of strings, got a string"),
        .init("command is empty", header + "  poolClass: quick\n  command: []\n",
              7, 12, "spec.command", "must not be empty"),
        .init("command item is an integer", header + "  poolClass: quick\n  command: [run, 3]\n",
              7, 18, "spec.command[1]", "expected a string, got an integer"),
        .init("newline in an argument", header + #"  poolClass: quick\#n  command: ["a\nb"]\#n"#,
              7, 13, "spec.command[0]", "command argument must not contain a newline"),
        .init("NUL in an argument", header + #"  poolClass: quick\#n  command: [run, "a\0b"]\#n"#,
              7, 18, "spec.command[1]", "command argument must not contain a NUL character"),
        .init("empty program", header + #"  poolClass: quick\#n  command: ["", x]\#n"#,
              7, 13, "spec.command[0]", "the program must not be empty"),
        .init("missing command", header + "  poolClass: quick\n",
              6, 3, "spec.command", #"missing required field "command""#),
        .init("missing poolClass", header + "  command: [run]\n",
              6, 3, "spec.poolClass", #"missing required field "poolClass""#),
        .init("unknown poolClass", header + "  poolClass: quik\n  command: [run]\n",
              6, 14, "spec.poolClass", #"unknown PoolClass "quik"; did you mean "quick"?"#),
        .init("poolClass not a DNS label", header + "  poolClass: Quick\n  command: [run]\n",
              6, 14, "spec.poolClass", #""Quick" is not a DNS-1123 label"#, errors: 2),
        .init("duplicate spec key", Fixtures.bot("  command: [again]\n"),
              8, 3, "spec.command", #"duplicate key "command"; first at line 7, column 3"#),
    ]

    static let env: [InvalidCase] = [
        .init("env name not POSIX", Fixtures.bot(#"  env: {"1FOO": x}\#n"#),
              8, 9, "spec.env.1FOO", #"env name "1FOO" is not a POSIX identifier"#),
        .init("env name reserved", Fixtures.bot(#"  env: {BOTPOOL_PORT: "1"}\#n"#),
              8, 9, "spec.env.BOTPOOL_PORT", "uses the reserved prefix BOTPOOL_"),
        .init("newline in env name", Fixtures.bot(#"  env: {"A\nB": x}\#n"#),
              8, 9, "spec.env.A\nB", "env name must not contain a newline"),
        .init("newline in env value", Fixtures.bot(#"  env: {FOO: "a\nb"}\#n"#),
              8, 14, "spec.env.FOO", "env value must not contain a newline"),
        .init("block scalar env value ends in a newline", Fixtures.bot("  env:\n    FOO: |\n      a\n"),
              9, 10, "spec.env.FOO", "env value must not contain a newline"),
        .init("NUL in env value", Fixtures.bot(#"  env: {FOO: "a\0"}\#n"#),
              8, 14, "spec.env.FOO", "env value must not contain a NUL character"),
        .init("expansion of a non-injected variable", Fixtures.bot(#"  env: {FOO: "${HOME}"}\#n"#),
              8, 14, "spec.env.FOO", "${HOME} cannot be expanded"),
        .init("unterminated expansion", Fixtures.bot(#"  env: {FOO: "${BOTPOOL_PORT"}\#n"#),
              8, 14, "spec.env.FOO", #"unterminated "${""#),
        .init("env value is an integer", Fixtures.bot("  env: {FOO: 1}\n"),
              8, 14, "spec.env.FOO", "expected a string or {fromFile: PATH}, got an integer"),
        .init("fromFile path relative", Fixtures.bot("  env: {FOO: {fromFile: secret}}\n"),
              8, 25, "spec.env.FOO.fromFile", #"fromFile path "secret" must be absolute"#),
        .init("fromFile misspelled", Fixtures.bot("  env: {FOO: {fromfile: /x}}\n"),
              8, 15, "spec.env.FOO.fromfile", #"unknown field "fromfile"; did you mean "fromFile"?"#, errors: 2),
        .init("duplicate env name", Fixtures.bot("  env:\n    FOO: a\n    FOO: b\n"),
              10, 5, "spec.env.FOO", #"duplicate key "FOO"; first at line 9, column 5"#),
        .init("env is a list", Fixtures.bot("  env: [FOO=1]\n"),
              8, 8, "spec.env", "expected a map, got a list"),
    ]

    static let files: [InvalidCase] = [
        .init("file name with a slash", Fixtures.bot(#"  files: {"a/b": x}\#n"#),
              8, 11, "spec.files.a/b", "must be a plain file name"),
        .init("file name ..", Fixtures.bot(#"  files: {"..": x}\#n"#),
              8, 11, "spec.files...", #"file name ".." must be a plain file name"#),
        .init("file contents not a string", Fixtures.bot("  files: {a.txt: [1]}\n"),
              8, 18, "spec.files.a.txt", "expected a string, got a list"),
        .init("alias", Fixtures.bot("  files: {a: &x hello, b: *x}\n"),
              8, 27, "spec.files.b", "YAML aliases are not supported (*x)"),
    ]

    static let resources: [InvalidCase] = ["300 Mi", "-1Gi", "1.5Gi", "300mb", "99999999999Ei"].map { quantity in
        .init("quantity \(quantity)", Fixtures.bot("  resources: {memory: \(quantity)}\n"),
              8, 23, "spec.resources.memory", "invalid quantity \"\(quantity)\"")
    } + [
        .init("unknown resource", Fixtures.bot("  resources: {cpu: 1}\n"),
              8, 15, "spec.resources.cpu", #"unknown field "cpu""#),
        .init("memory over the class limit", Fixtures.bot("  resources: {memory: 2Gi}\n"),
              8, 23, "spec.resources.memory", #"memory request 2Gi exceeds the memoryLimit 1Gi of PoolClass "quick""#),
    ]

    static let policies: [InvalidCase] = [
        .init("state", Fixtures.bot("  state: paused\n"),
              8, 10, "spec.state", #"invalid value "paused"; must be one of running, stopped"#),
        .init("restartPolicy case", Fixtures.bot("  restartPolicy: always\n"),
              8, 18, "spec.restartPolicy", #"must be one of Always, OnFailure, Never; did you mean "Always"?"#),
        .init("deletionPolicy", Fixtures.bot("  deletionPolicy: Keep\n"),
              8, 19, "spec.deletionPolicy", "must be one of Retain, Delete"),
    ]

    static let health: [InvalidCase] = [
        .init("health without http", Fixtures.bot("  health: {periodSeconds: 5}\n"),
              8, 11, "spec.health.http", #"missing required field "http""#),
        .init("probe path relative", Fixtures.bot("  health: {http: {path: healthz}}\n"),
              8, 25, "spec.health.http.path", #"probe path "healthz" must start with "/""#),
        .init("period 0", Fixtures.bot("  health:\n    http: {path: /}\n    periodSeconds: 0\n"),
              10, 20, "spec.health.periodSeconds", "0 is out of range (must be >= 1)"),
        .init("timeout quoted", Fixtures.bot("  health:\n    http: {path: /}\n    timeoutSeconds: \"1\"\n"),
              10, 21, "spec.health.timeoutSeconds", "expected an integer, got a string"),
        .init("failureThreshold negative", Fixtures.bot("  health:\n    http: {path: /}\n    failureThreshold: -1\n"),
              10, 23, "spec.health.failureThreshold", "-1 is out of range (must be >= 1)"),
        .init("initialDelay fraction", Fixtures.bot("  health:\n    http: {path: /}\n    initialDelaySeconds: 1.5\n"),
              10, 26, "spec.health.initialDelaySeconds", "expected an integer, got a number"),
    ]
}
