import BotpoolClients
import BotpoolController
import Foundation

/// Container → bot, a pure function of the inspect record, its image's env and the options.
/// It refuses instead of guessing: one published TCP port, at most one data mount, a known
/// image shape, and a command or env that names the container port (or a FreqTrade command,
/// whose API port botpool sets through FreqTrade's env).
struct AdoptTranslation: Sendable {
    var tenant: String
    /// The pool image the adopted bots run in (it must have supervisord and the bot's program).
    var poolImage: String
    var classPrefix: String
    var healthPath: String
    /// `--secrets-dir`: the secret files go below `<secretsDir>/<tenant>/<bot>/`.
    var secretsDir: String

    /// Env names whose values are secrets: any name containing one of these, in any case.
    static let secretMarkers = ["KEY", "SECRET", "TOKEN", "PASS"]
    /// Env names the pool sets itself, or that describe the old container rather than the bot.
    static let droppedVariables: Set<String> = ["HOME", "HOSTNAME", "PATH"]

    static func isSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return secretMarkers.contains { upper.contains($0) }
    }

    func translate(_ details: DockerEngine.ContainerDetails, imageEnv: [String]) -> Result<AdoptedBot, AdoptRefusal> {
        let name = details.name
        func refuse(_ reason: String) -> Result<AdoptedBot, AdoptRefusal> { .failure(AdoptRefusal(container: name, reason: reason)) }

        guard let bot = Self.botName(name) else { return refuse("its name gives no DNS-1123 bot name") }
        if details.labels[PoolLabel.managedBy] != nil { return refuse("it is a botpool pool") }
        guard details.image == poolImage || Self.isFreqtradeImage(details.image) else {
            return refuse("image \(details.image) is neither the pool image \(poolImage) (--image) nor a FreqTrade image; "
                          + "botpool cannot tell that its program runs in a pool")
        }
        let published = details.portBindings.filter { !$0.value.isEmpty }
        guard let only = published.first else {
            return refuse("it publishes no port, and a bot must answer on one")
        }
        let (containerPortKey, bindings) = (only.key, only.value)
        guard published.count == 1, bindings.count == 1, let binding = bindings.first else {
            let all = published.flatMap { key, value in value.map { "\($0.hostIP):\($0.hostPort)->\(key)" } }.sorted()
            return refuse("it publishes several ports (\(all.joined(separator: ", "))); a bot has one")
        }
        let parts = containerPortKey.split(separator: "/")
        guard let containerPort = parts.first.flatMap({ Int($0) }), parts.count == 1 || parts.last == "tcp" else {
            return refuse("port \(containerPortKey) is not TCP")
        }
        guard let port = Int(binding.hostPort), (1...65535).contains(port) else {
            return refuse("host port \"\(binding.hostPort)\" is not a port number (a published range is not adopted)")
        }
        let publish = binding.hostIP.isEmpty || binding.hostIP == "::" ? "0.0.0.0" : binding.hostIP

        let dataMounts = details.mounts.filter { $0.type == "bind" || $0.type == "volume" }
        guard dataMounts.count <= 1 else {
            return refuse("it mounts \(dataMounts.count) directories (\(dataMounts.map(\.destination).joined(separator: ", "))); "
                          + "a bot has one data dir")
        }
        let data = dataMounts.first.map { AdoptedBot.DataCopy(source: $0.source, target: Self.relative($0.destination, to: details.workingDir)) }
        let mountPoint = dataMounts.first?.destination

        var argv = details.entrypoint + details.command
        guard !argv.isEmpty else { return refuse("it has no command") }
        var portNamed = port == containerPort
        argv = argv.map { token in
            var token = token
            if let mountPoint, let data { token = Self.replacingPath(mountPoint, with: data.target, in: token) }
            if let rewritten = Self.replacingPort(containerPort, with: port, in: token) {
                portNamed = true
                token = rewritten
            }
            return token
        }

        let inherited = Set(imageEnv)
        var env: [(name: String, value: AdoptedBot.EnvValue)] = []
        var secrets: [AdoptedBot.SecretFile] = []
        for entry in details.env where !inherited.contains(entry) {
            let pieces = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let variable = String(pieces[0])
            var value = pieces.count > 1 ? String(pieces[1]) : ""
            guard !Self.droppedVariables.contains(variable), !variable.hasPrefix("BOTPOOL_") else { continue }
            guard !variable.isEmpty, !variable.contains("/"), variable != ".", variable != ".." else {
                return refuse("env name \"\(variable)\" cannot name a secret file")
            }
            if Self.isSecret(variable) {
                let path = "\(secretsDir)/\(tenant)/\(bot)/\(variable)"
                secrets.append(.init(variable: variable, path: path, value: value))
                env.append((name: variable, value: .fromFile(path)))
                continue
            }
            if value == String(containerPort) {
                value = "${BOTPOOL_PORT}"
                portNamed = true
            } else if let mountPoint, let data {
                value = Self.replacingPath(mountPoint, with: "${BOTPOOL_DATA_DIR}/" + data.target, in: value)
            }
            env.append((name: variable, value: .value(value)))
        }
        if Self.isFreqtradeCommand(argv, image: details.image) {
            // FreqTrade's API port and address come from its config; its env overrides both.
            env.removeAll { $0.name == "FREQTRADE__API_SERVER__LISTEN_PORT" || $0.name == "FREQTRADE__API_SERVER__LISTEN_IP_ADDRESS" }
            env.append((name: "FREQTRADE__API_SERVER__LISTEN_IP_ADDRESS", value: .value("0.0.0.0")))
            env.append((name: "FREQTRADE__API_SERVER__LISTEN_PORT", value: .value("${BOTPOOL_PORT}")))
            portNamed = true
        }
        guard portNamed else {
            return refuse("neither its command nor its env names container port \(containerPort), so botpool cannot "
                          + "move it to host port \(port)")
        }
        return .success(AdoptedBot(
            container: name, containerID: details.id, running: details.state.running, bot: bot, tenant: tenant,
            poolClass: "\(classPrefix)-\(port)", image: poolImage, port: port, publish: publish, command: argv,
            env: env.sorted { $0.name < $1.name }, secrets: secrets.sorted { $0.variable < $1.variable }, data: data,
            healthPath: healthPath))
    }

    /// The container's name as a DNS-1123 label: lower case, other characters as `-`.
    static func botName(_ container: String) -> String? {
        var name = ""
        for character in container.lowercased() {
            let keep = character.isASCII && (character.isLetter || character.isNumber)
            if keep { name.append(character) } else if !name.isEmpty, name.last != "-" { name.append("-") }
        }
        while name.hasSuffix("-") { name.removeLast() }
        name = String(name.prefix(63))
        while name.hasSuffix("-") { name.removeLast() }
        return name.isEmpty ? nil : name
    }

    static func isFreqtradeImage(_ image: String) -> Bool {
        let repository = image.split(separator: "@").first.map(String.init) ?? image
        let withoutTag = repository.split(separator: "/").last.map { $0.split(separator: ":").first.map(String.init) ?? "" } ?? ""
        return withoutTag.contains("freqtrade")
    }

    static func isFreqtradeCommand(_ argv: [String], image: String) -> Bool {
        guard argv.contains("trade") else { return false }
        return (argv.first.map { ($0 as NSString).lastPathComponent == "freqtrade" } ?? false) || isFreqtradeImage(image)
    }

    /// Where a mount point lies relative to the working directory (the bot's data dir takes the
    /// working directory's place), else its last component.
    static func relative(_ mountPoint: String, to workingDir: String) -> String {
        let base = workingDir.hasSuffix("/") ? workingDir : workingDir + "/"
        if !workingDir.isEmpty, workingDir != "/", mountPoint.hasPrefix(base) { return String(mountPoint.dropFirst(base.count)) }
        return (mountPoint as NSString).lastPathComponent
    }

    /// Every occurrence of the mount point as a whole path (`/srv/data`, `/srv/data/x`,
    /// `--dir=/srv/data`, `sqlite:////srv/data/db`) with the replacement; `/srv/database` stays.
    static func replacingPath(_ mountPoint: String, with replacement: String, in token: String) -> String {
        guard !mountPoint.isEmpty, mountPoint != "/" else { return token }
        var result = ""
        var rest = Substring(token)
        while let range = rest.range(of: mountPoint) {
            let before = range.lowerBound == rest.startIndex ? result.last : rest[rest.index(before: range.lowerBound)]
            let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
            let wholeStart = before.map { !($0.isLetter || $0.isNumber || "_-.".contains($0)) } ?? true
            let wholeEnd = after == nil || after == "/"
            result += rest[..<range.lowerBound]
            result += wholeStart && wholeEnd ? replacement : String(rest[range])
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// `8080`, `--port=8080` or `0.0.0.0:8080` with the port replaced; nil when the token does
    /// not name it.
    static func replacingPort(_ old: Int, with new: Int, in token: String) -> String? {
        let text = String(old)
        if token == text { return String(new) }
        for separator in ["=", ":"] where token.hasSuffix(separator + text) {
            return String(token.dropLast(text.count)) + String(new)
        }
        return nil
    }
}
