/// One legacy container as botpool will run it: the values `AdoptTranslation` derives from its
/// inspect record, before anything is written.
struct AdoptedBot: Sendable, Equatable {
    /// A secret env value on its way to a 0600 file; `value` is written there and nowhere else.
    struct SecretFile: Sendable, Equatable {
        var variable: String
        var path: String
        var value: String
    }

    /// The legacy container's mounted data and where its copy goes in the bot's data dir.
    struct DataCopy: Sendable, Equatable {
        /// The directory on the host (a bind mount's source or a volume's directory).
        var source: String
        /// Relative to the bot's data dir, which is the bot's working directory.
        var target: String
    }

    enum EnvValue: Sendable, Equatable {
        case value(String)
        case fromFile(String)
    }

    var container: String
    var containerID: String
    var running: Bool
    var bot: String
    var tenant: String
    var poolClass: String
    var image: String
    /// The host port the legacy container publishes; the bot's only slot port.
    var port: Int
    /// The host IP it is published on (`0.0.0.0` for every address).
    var publish: String
    var command: [String]
    var env: [(name: String, value: EnvValue)]
    var secrets: [SecretFile]
    var data: DataCopy?
    var healthPath: String

    /// The manifest file's base name in the manifests directory.
    var manifestFile: String { "adopted-\(bot).yaml" }

    static func == (lhs: AdoptedBot, rhs: AdoptedBot) -> Bool {
        lhs.container == rhs.container && lhs.containerID == rhs.containerID && lhs.running == rhs.running
            && lhs.bot == rhs.bot && lhs.tenant == rhs.tenant && lhs.poolClass == rhs.poolClass && lhs.image == rhs.image
            && lhs.port == rhs.port && lhs.publish == rhs.publish && lhs.command == rhs.command
            && lhs.env.map { $0.name } == rhs.env.map { $0.name } && lhs.env.map { $0.value } == rhs.env.map { $0.value }
            && lhs.secrets == rhs.secrets && lhs.data == rhs.data && lhs.healthPath == rhs.healthPath
    }
}

/// A container adopt will not translate, and why; the operator adopts it by hand or not at all.
struct AdoptRefusal: Swift.Error, Sendable, Equatable, CustomStringConvertible {
    var container: String
    var reason: String

    var description: String { "container \(container): \(reason); not adopted" }
}
