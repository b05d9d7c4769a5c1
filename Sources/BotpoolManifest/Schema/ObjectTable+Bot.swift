extension ObjectTable {
    /// `kind: Bot` spec.
    public static let botSpec = ObjectTable([
        FieldSpec("poolClass", .string, required: true, "The PoolClass whose pools run this bot."),
        FieldSpec("state", .choice(of: BotState.self), "running or stopped (default running)."),
        FieldSpec("command", .stringList(minItems: 1), required: true, "The bot's argv, run without a shell."),
        FieldSpec("env", .map(.anyOf([.string, .object(.envSource)])),
                  "Environment: NAME: \"value\" (${BOTPOOL_…} expands) or NAME: {fromFile: /secret/path}."),
        FieldSpec("files", .map(.string), "Files written into the bot's data dir before it starts: name: contents."),
        FieldSpec("resources", .object(.resources), "What placement counts against the class's memoryLimit."),
        FieldSpec("health", .object(.health), "An HTTP probe of the bot's port."),
        FieldSpec("restartPolicy", .choice(of: RestartPolicy.self), "When supervisord restarts the bot (default Always)."),
        FieldSpec("deletionPolicy", .choice(of: DeletionPolicy.self), "Keep (Retain) or remove (Delete) the data dir when the bot goes."),
        FieldSpec("freqtrade", .object(.freqtrade), "Read the bot's trading state from its FreqTrade API."),
        FieldSpec("disruption", .object(.disruption), "When botpool may restart or move the bot."),
    ])

    public static let envSource = ObjectTable([
        FieldSpec("fromFile", .string, required: true, "Absolute path below --secrets-dir/<tenant>/, read at each pass."),
    ])

    public static let resources = ObjectTable([
        FieldSpec("memory", .quantity(minimum: 0), "Memory the bot needs, e.g. 300Mi; for placement only."),
    ])

    public static let health = ObjectTable([
        FieldSpec("http", .object(.healthHTTP), required: true, "GET this path on the bot's port."),
        FieldSpec("periodSeconds", .integer(1...Int.max), "Seconds between probes (default 10)."),
        FieldSpec("timeoutSeconds", .integer(1...Int.max), "Seconds a probe may take (default 1)."),
        FieldSpec("failureThreshold", .integer(1...Int.max), "Failed probes in a row before the bot is unhealthy (default 3)."),
        FieldSpec("initialDelaySeconds", .integer(0...Int.max), "Seconds after start before the first probe (default 0)."),
    ])

    public static let healthHTTP = ObjectTable([
        FieldSpec("path", .string, required: true, "An absolute URL path, e.g. /api/v1/ping."),
    ])

    public static let freqtrade = ObjectTable([
        FieldSpec("api", .object(.freqtradeAPI), "The login; the password is FREQTRADE__API_SERVER__PASSWORD in env."),
    ])

    public static let freqtradeAPI = ObjectTable([
        FieldSpec("username", .string, "The API user (default: FREQTRADE__API_SERVER__USERNAME from env)."),
        FieldSpec("periodSeconds", .integer(1...3600), "Seconds between reads of the trading state (default 10)."),
    ])

    public static let disruption = ObjectTable([
        FieldSpec("policy", .choice(of: DisruptionPolicy.self), "Always, WhenFlat (no open trades; needs freqtrade) or Manual."),
        FieldSpec("drainTimeout", .duration(minimumSeconds: 1), "How long WhenFlat drains before the bot shows WaitingForFlat, e.g. 1h (default 1h)."),
    ])
}
