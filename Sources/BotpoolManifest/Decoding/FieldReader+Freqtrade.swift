extension FieldReader {
    /// `freqtrade: {api: {username: botpool, periodSeconds: 10}}`. The password is the bot's
    /// `FREQTRADE__API_SERVER__PASSWORD` (from `env`, a `fromFile` secret as a rule), which
    /// FreqTrade itself reads too, so botpool and the bot cannot disagree on it.
    mutating func freqtrade(_ node: YAMLNode, _ path: String, env: [EnvVar]) -> FreqtradeAPI? {
        guard let freqtrade = fields(node, path, .freqtrade) else { return nil }
        var username: String?
        var period = 10
        if let apiNode = freqtrade["api"] {
            guard let api = fields(apiNode, freqtrade.path("api"), .freqtradeAPI) else { return nil }
            if let value = api["username"] {
                username = string(value, api.path("username"))
                if let name = username, name.isEmpty || NameRules.lineSafe(name, what: "username") != nil {
                    error(value, api.path("username"), "the API username must be one non-empty line")
                }
            }
            period = int(api, "periodSeconds") ?? period
        }
        let variables = Dictionary(env.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        if username == nil, case .literal(let name)? = variables[FreqtradeAPI.usernameVariable], !name.isEmpty {
            username = name
        }
        guard let username else {
            error(node, path, "name the API login's user: api.username, or \(FreqtradeAPI.usernameVariable) in spec.env")
            return nil
        }
        guard variables[FreqtradeAPI.passwordVariable] != nil else {
            error(node, path, "botpool logs in to the bot's API with \(FreqtradeAPI.passwordVariable) from spec.env: set it (fromFile)")
            return nil
        }
        return FreqtradeAPI(username: username, periodSeconds: period)
    }
}

extension FieldReader {
    /// `disruption: {policy: Always | WhenFlat | Manual, drainTimeout: 1h}`. WhenFlat reads the
    /// open trades from the bot's API, so it needs `spec.freqtrade`.
    mutating func disruption(_ node: YAMLNode, _ path: String, freqtrade: Bool) -> Disruption? {
        guard let fields = fields(node, path, .disruption) else { return nil }
        var result = Disruption()
        if let value = fields["policy"] {
            result.policy = choice(value, fields.path("policy"), as: DisruptionPolicy.self) ?? .always
            if result.policy == .whenFlat, !freqtrade {
                error(value, fields.path("policy"),
                      "WhenFlat needs spec.freqtrade: botpool reads the open trades from the bot's API")
            }
        }
        if let value = fields["drainTimeout"] {
            if let seconds = duration(value, fields.path("drainTimeout")) {
                if seconds < 1 {
                    error(value, fields.path("drainTimeout"), "must be at least 1s")
                } else {
                    result.drainTimeoutSeconds = seconds
                }
            }
        }
        return result
    }
}
