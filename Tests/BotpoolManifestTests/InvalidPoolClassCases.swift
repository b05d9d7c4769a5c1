/// Invalid PoolClass fields. `Fixtures.poolClass(extra)` is class `other` with `image: img` on
/// line 6, `basePort: 20000` on line 7 and `extra` from line 8.
enum InvalidPoolClassCases {
    static func poolClass(spec: String, name: String = "other") -> String {
        "apiVersion: botpool/v1\nkind: PoolClass\nmetadata:\n  name: \(name)\nspec:\n" + spec
    }

    static let all: [InvalidCase] = numbers + values + runtime + required

    static let numbers: [InvalidCase] = [
        .init("maxBots 0", Fixtures.poolClass("  maxBots: 0\n"), 8, 12, "spec.maxBots", "0 is out of range (must be >= 1)"),
        .init("maxPools 0", Fixtures.poolClass("  maxPools: 0\n"), 8, 13, "spec.maxPools", "0 is out of range (must be >= 1)"),
        .init("warmPools negative", Fixtures.poolClass("  warmPools: -1\n"),
              8, 14, "spec.warmPools", "-1 is out of range (must be >= 0)"),
        .init("range past 65535", Fixtures.poolClass("  maxPools: 5000\n"),
              7, 13, "spec.basePort", "port range 20000-69999 (basePort + maxPools*maxBots - 1) runs past 65535"),
        .init("basePort 0", poolClass(spec: "  image: img\n  basePort: 0\n"),
              7, 13, "spec.basePort", "0 is out of range 1..65535"),
        .init("basePort 70000", poolClass(spec: "  image: img\n  basePort: 70000\n"),
              7, 13, "spec.basePort", "70000 is out of range 1..65535"),
        .init("basePort quoted", poolClass(spec: "  image: img\n  basePort: \"9000\"\n"),
              7, 13, "spec.basePort", "expected an integer, got a string"),
        .init("memoryLimit with a space", Fixtures.poolClass("  memoryLimit: 2 Gi\n"),
              8, 16, "spec.memoryLimit", #"invalid quantity "2 Gi""#),
        .init("memoryLimit 0", Fixtures.poolClass("  memoryLimit: 0\n"), 8, 16, "spec.memoryLimit", "must be greater than 0"),
        .init("cpus a word", Fixtures.poolClass("  cpus: two\n"), 8, 9, "spec.cpus", "expected a number, got a string"),
        .init("cpus 0", Fixtures.poolClass("  cpus: 0\n"), 8, 9, "spec.cpus", "must be a number greater than 0"),
    ]

    static let values: [InvalidCase] = [
        .init("publish not an IP", Fixtures.poolClass("  publish: 1.2.3\n"),
              8, 12, "spec.publish", #""1.2.3" is not an IPv4 or IPv6 address"#),
        .init("publish a host name", Fixtures.poolClass("  publish: localhost\n"),
              8, 12, "spec.publish", #""localhost" is not an IPv4 or IPv6 address"#),
        .init("tenancy", Fixtures.poolClass("  tenancy: private\n"),
              8, 12, "spec.tenancy", "must be one of dedicated, shared"),
        .init("nodePlacement", Fixtures.poolClass("  nodePlacement: spreed\n"),
              8, 18, "spec.nodePlacement", #"invalid value "spreed"; must be one of pack, spread; did you mean "spread"?"#),
        .init("nodePlacement not a string", Fixtures.poolClass("  nodePlacement: 2\n"),
              8, 18, "spec.nodePlacement", "expected a string, got an integer"),
        .init("image with a space", poolClass(spec: "  image: \"my image\"\n  basePort: 20000\n"),
              6, 10, "spec.image", "must be a non-empty image reference without whitespace"),
        .init("class name not a DNS label", poolClass(spec: "  image: img\n  basePort: 20000\n", name: "Other_"),
              4, 9, "metadata.name", #""Other_" is not a DNS-1123 label"#),
    ] + ["15", "1.5m", "-5s", "15min", "1h-5m"].map { duration in
        .init("duration \(duration)", Fixtures.poolClass("  emptyPoolTTL: \(duration)\n"),
              8, 17, "spec.emptyPoolTTL", "invalid duration \"\(duration)\"")
    }

    static let runtime: [InvalidCase] = [
        .init("fork python relative", Fixtures.poolClass("  runtime:\n    fork: {python: python3}\n"),
              9, 20, "spec.runtime.fork.python", #"python "python3" must be an absolute path"#),
        .init("fork preload not a module", Fixtures.poolClass("  runtime:\n    fork: {python: /p, preload: [free-trade]}\n"),
              9, 34, "spec.runtime.fork.preload[0]", #""free-trade" is not a dotted Python module name"#),
        .init("fork preload neither auto nor a list", Fixtures.poolClass("  runtime:\n    fork: {python: /p, preload: yes}\n"),
              9, 33, "spec.runtime.fork.preload", "must be auto or a list of module names"),
        .init("fork without python", Fixtures.poolClass("  runtime:\n    fork: {preload: [a]}\n"),
              9, 11, "spec.runtime.fork.python", #"missing required field "python""#),
        .init("exec and fork", Fixtures.poolClass("  runtime: {exec: {}, fork: {python: /p}}\n"),
              8, 12, "spec.runtime", #"must have exactly one of "exec" or "fork""#),
        .init("unknown runtime", Fixtures.poolClass("  runtime: {spawn: {}}\n"),
              8, 13, "spec.runtime.spawn", #"unknown field "spawn""#),
    ]

    static let required: [InvalidCase] = [
        .init("missing image", poolClass(spec: "  basePort: 20000\n"),
              6, 3, "spec.image", #"missing required field "image""#),
        .init("missing basePort", poolClass(spec: "  image: img\n"),
              6, 3, "spec.basePort", #"missing required field "basePort""#),
    ]
}
