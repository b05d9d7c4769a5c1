/// The manifest file of one adopted bot: its own PoolClass (one slot, on the legacy port) and the
/// Bot. Secrets appear as `fromFile` paths only.
enum AdoptManifest {
    static func yaml(_ adopted: AdoptedBot) -> String {
        var lines = [
            "# adopted by `botpool adopt` from container \(adopted.container) (\(adopted.containerID.prefix(12)))",
            "apiVersion: botpool/v1",
            "kind: PoolClass",
            "metadata:",
            "  name: \(adopted.poolClass)",
            "spec:",
            "  image: \(quote(adopted.image))",
            "  basePort: \(adopted.port)",
            "  maxBots: 1",
            "  maxPools: 1",
            "  publish: \(quote(adopted.publish))",
            "  tenancy: dedicated",
            "  emptyPoolTTL: 0",
            "---",
            "apiVersion: botpool/v1",
            "kind: Bot",
            "metadata:",
            "  name: \(adopted.bot)",
            "  tenant: \(adopted.tenant)",
            "spec:",
            "  poolClass: \(adopted.poolClass)",
            "  command: [\(adopted.command.map(quote).joined(separator: ", "))]",
        ]
        if !adopted.env.isEmpty {
            lines.append("  env:")
            for (name, value) in adopted.env {
                switch value {
                case .value(let text): lines.append("    \(name): \(quote(text))")
                case .fromFile(let path): lines.append("    \(name): {fromFile: \(quote(path))}")
                }
            }
        }
        lines += [
            "  health:",
            "    http: {path: \(quote(adopted.healthPath))}",
            "    periodSeconds: 2",
            "  deletionPolicy: Retain",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar (JSON's string syntax, which YAML reads as is).
    static func quote(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 {
                    quoted += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
