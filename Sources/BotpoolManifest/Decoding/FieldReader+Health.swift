extension FieldReader {
    static let healthFields = ["http", "periodSeconds", "timeoutSeconds", "failureThreshold", "initialDelaySeconds"]

    /// `health: {http: {path: /x}, periodSeconds: 10, …}` with defaults 10 s / 1 s / 3 / 0.
    mutating func health(_ node: YAMLNode, _ path: String) -> HealthCheck? {
        guard let health = fields(node, path, known: Self.healthFields) else { return nil }
        var check = HealthCheck(httpPath: "/")
        if let value = health["periodSeconds"] {
            check.periodSeconds = int(value, health.path("periodSeconds"), in: 1...Int.max) ?? check.periodSeconds
        }
        if let value = health["timeoutSeconds"] {
            check.timeoutSeconds = int(value, health.path("timeoutSeconds"), in: 1...Int.max) ?? check.timeoutSeconds
        }
        if let value = health["failureThreshold"] {
            check.failureThreshold = int(value, health.path("failureThreshold"), in: 1...Int.max)
                ?? check.failureThreshold
        }
        if let value = health["initialDelaySeconds"] {
            check.initialDelaySeconds = int(value, health.path("initialDelaySeconds"), in: 0...Int.max)
                ?? check.initialDelaySeconds
        }
        guard let httpNode = health["http"] else {
            missing(health, "http")
            return nil
        }
        guard let http = fields(httpNode, health.path("http"), known: ["path"]) else { return nil }
        guard let pathNode = http["path"] else {
            missing(http, "path")
            return nil
        }
        guard let probePath = string(pathNode, http.path("path")) else { return nil }
        if let problem = NameRules.lineSafe(probePath, what: "probe path") {
            error(pathNode, http.path("path"), problem)
        } else if !probePath.hasPrefix("/") {
            error(pathNode, http.path("path"), "probe path \(quoted(probePath)) must start with \"/\"")
        }
        check.httpPath = probePath
        return check
    }
}
