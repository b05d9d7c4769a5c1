extension FieldReader {
    /// `health: {http: {path: /x}, periodSeconds: 10, …}` with defaults 10 s / 1 s / 3 / 0.
    mutating func health(_ node: YAMLNode, _ path: String) -> HealthCheck? {
        guard let health = fields(node, path, .health) else { return nil }
        var check = HealthCheck(httpPath: "/")
        check.periodSeconds = int(health, "periodSeconds") ?? check.periodSeconds
        check.timeoutSeconds = int(health, "timeoutSeconds") ?? check.timeoutSeconds
        check.failureThreshold = int(health, "failureThreshold") ?? check.failureThreshold
        check.initialDelaySeconds = int(health, "initialDelaySeconds") ?? check.initialDelaySeconds
        guard let httpNode = health["http"], let http = fields(httpNode, health.path("http"), .healthHTTP),
              let pathNode = http["path"]
        else { return nil }
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
