/// The table-driven invalid cases whose rejection the JSON Schema cannot express: the schema
/// holds types, enums, bounds, required and known fields, and the loader alone checks the rest.
/// `SchemaInvalidCaseTests` checks both ways that this list is exact.
enum LoaderOnlyCases {
    static let reasons: [String: String] = [
        // names and text rules
        "name not a DNS label": "DNS-1123 name", "name longer than 63": "DNS-1123 name",
        "tenant not a DNS label": "DNS-1123 name", "class name not a DNS label": "DNS-1123 name",
        "poolClass not a DNS label": "DNS-1123 name",
        "label key": "label syntax", "label value": "label syntax",
        "publish not an IP": "IP address", "publish a host name": "IP address",
        "image with a space": "image reference",
        "fork python relative": "absolute path", "fromFile path relative": "absolute path",
        "probe path relative": "absolute URL path",
        "fork preload not a module": "Python module name",
        "newline in an argument": "newline or NUL", "NUL in an argument": "newline or NUL",
        "empty program": "non-empty argv[0]",
        "env name not POSIX": "env name", "env name reserved": "env name", "newline in env name": "env name",
        "newline in env value": "newline or NUL", "block scalar env value ends in a newline": "newline or NUL",
        "NUL in env value": "newline or NUL",
        "expansion of a non-injected variable": "env expansion", "unterminated expansion": "env expansion",
        "file name with a slash": "file name", "file name ..": "file name",
        "quantity 99999999999Ei": "quantity overflow",
        // what YAML says and JSON cannot
        "YAML syntax error": "not YAML (the editor's parser reports it)",
        "tab indentation": "not YAML (the editor's parser reports it)",
        "duplicate spec key": "duplicate key", "duplicate env name": "duplicate key",
        "alias": "YAML alias",
        // rules across fields and documents
        "range past 65535": "ports: basePort + maxPools*maxBots",
        "unknown poolClass": "cross-document: class exists",
        "memory over the class limit": "cross-document: class memoryLimit",
        "freqtrade without a password variable": "across fields: env", "freqtrade without a user": "across fields: env",
        "WhenFlat without spec.freqtrade": "across fields: freqtrade",
    ]
}
