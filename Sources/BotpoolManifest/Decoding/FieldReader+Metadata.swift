/// `metadata` as read: the name and tenant are kept even when invalid, so that a broken
/// document can still freeze the bot it names.
struct Metadata {
    var name: String
    var nameNode: YAMLNode
    var tenant: String
    /// nil when the document names no tenant (it is "default").
    var tenantNode: YAMLNode?
    var labels: [String: String]
}

extension FieldReader {
    /// nil when the name (or a given tenant) is not even a string.
    mutating func metadata(_ top: Fields, _ table: ObjectTable) -> Metadata? {
        guard let node = top["metadata"], let fields = fields(node, "metadata", table) else { return nil }
        let labels = fields["labels"].map { labelMap($0, fields.path("labels")) } ?? [:]
        var tenant = "default"
        if let tenantNode = fields["tenant"] {
            guard let value = string(tenantNode, "metadata.tenant") else { return nil }
            tenant = value
            if let problem = NameRules.dnsLabel(value) { error(tenantNode, "metadata.tenant", problem) }
        }
        guard let nameNode = fields["name"], let name = string(nameNode, "metadata.name") else { return nil }
        if let problem = NameRules.dnsLabel(name) { error(nameNode, "metadata.name", problem) }
        return Metadata(name: name, nameNode: nameNode, tenant: tenant, tenantNode: fields["tenant"], labels: labels)
    }

    private mutating func labelMap(_ node: YAMLNode, _ path: String) -> [String: String] {
        var labels: [String: String] = [:]
        for entry in entries(node, path) ?? [] {
            let entryPath = Self.join(path, entry.name)
            if let problem = NameRules.labelKey(entry.name) { error(entry.key, entryPath, problem) }
            guard let value = string(entry.value, entryPath) else { continue }
            if let problem = NameRules.labelValue(value) { error(entry.value, entryPath, problem) }
            labels[entry.name] = value
        }
        return labels
    }
}
