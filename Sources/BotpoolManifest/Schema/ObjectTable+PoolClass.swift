extension ObjectTable {
    /// `kind: PoolClass` spec.
    public static let poolClassSpec = ObjectTable([
        FieldSpec("image", .string, required: true, "The pool image; it must run supervisord (images/pool)."),
        FieldSpec("basePort", .integer(1...65535), required: true,
                  "First bot port; ports basePort .. basePort + maxPools*maxBots - 1 must stay below 65536."),
        FieldSpec("maxBots", .integer(1...Int.max), "Slots per pool (default 10)."),
        FieldSpec("maxPools", .integer(1...Int.max), "Pools of this class at most; past it new bots stay Pending (default 20)."),
        FieldSpec("memoryLimit", .quantity(minimum: 1), "Memory of one pool; placement sums the bots' resources.memory against it."),
        FieldSpec("cpus", .positiveNumber, "CPUs of one pool."),
        FieldSpec("publish", .string, "Host IP the bot ports are published on; \"\" publishes none (default 127.0.0.1)."),
        FieldSpec("tenancy", .choice(of: Tenancy.self), "dedicated: one tenant per pool; shared: any (default dedicated)."),
        FieldSpec("warmPools", .integer(0...Int.max), "Empty pools kept ready per tenant (default 0)."),
        FieldSpec("emptyPoolTTL", .duration(minimumSeconds: 0), "How long an empty pool stays, e.g. 15m; 0 removes it at once (default 15m)."),
        FieldSpec("runtime", .object(.runtime), "How a pool starts its bots: {exec: {}} (default) or {fork: {python, preload}}."),
        FieldSpec("nodePlacement", .choice(of: NodePlacement.self), "Swarm backend only: pack or spread new pools over nodes (default pack)."),
    ])

    public static let runtime = ObjectTable([
        FieldSpec("exec", .anyOf([.null, .object(ObjectTable([]))]), "supervisord runs each bot's command."),
        FieldSpec("fork", .object(.fork), "A zygote with preloaded modules forks each bot."),
    ], exactlyOne: true)

    public static let fork = ObjectTable([
        FieldSpec("python", .string, required: true, "Absolute path of the interpreter in the image."),
        FieldSpec("preload", .anyOf([.constant(PoolRuntime.learnWord), .stringList(minItems: 0)]),
                  "Modules the zygote imports before forking; auto (alone or in the list) learns them from the first bot."),
    ])
}
