// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "botpool",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "botpool", targets: ["botpool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        // Already built for Hummingbird's TLS; botpool uses its HMAC-SHA256 (controller key).
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // The status server's proxy carries FreqTrade's websocket to the bot.
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        // libcurl through typed, non-variadic wrappers (see Sources/CCurl/shim.h).
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // glibc's mallopt, to set the allocator up before the controller's threads start.
        .systemLibrary(name: "CMalloc"),
        // Manifest model, YAML loading and validation. Pure: reads files, touches nothing else.
        .target(
            name: "BotpoolManifest",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // desired + observed -> plan. No I/O, no clock, no randomness.
        .target(name: "BotpoolPlanner", dependencies: ["BotpoolManifest"]),
        // One HTTP transport on libcurl: unix sockets and TCP.
        .target(name: "BotpoolTransport", dependencies: ["CCurl"]),
        // Clients of the outside world: DockerEngine, Supervisor, Probe. Know nothing of manifests.
        .target(
            name: "BotpoolClients",
            dependencies: [
                "BotpoolTransport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // observe -> plan -> execute, the daemon's services and the status server.
        .target(
            name: "BotpoolController",
            dependencies: [
                "BotpoolManifest",
                "BotpoolPlanner",
                "BotpoolClients",
                "BotpoolTransport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ]
        ),
        // Every subcommand, as a library so tests can run them.
        .target(
            name: "BotpoolCLI",
            dependencies: [
                "BotpoolManifest",
                "BotpoolPlanner",
                "BotpoolClients",
                "BotpoolController",
                "BotpoolTransport",
                "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "botpool", dependencies: ["BotpoolCLI"]),

        .testTarget(name: "BotpoolManifestTests", dependencies: ["BotpoolManifest", "FuzzSupport"]),
        // The in-memory world (Docker, supervisord and bots as one value) and the backend over it:
        // the only fake of the controller's tests, kept out of the shipped modules.
        .target(name: "InMemoryWorld", dependencies: ["BotpoolPlanner", "BotpoolManifest", "BotpoolController"],
                path: "Tests/InMemoryWorld"),
        .testTarget(name: "BotpoolPlannerTests", dependencies: ["BotpoolPlanner", "BotpoolManifest", "FuzzSupport", "InMemoryWorld"]),
        .testTarget(
            name: "BotpoolClientsTests",
            dependencies: ["BotpoolClients", "BotpoolTransport", "BotpoolManifest", "DockerTestSupport", "FuzzSupport"]
        ),
        // A seeded generator and byte mutations for the property tests and fuzzers (a library).
        .target(name: "FuzzSupport", path: "Tests/FuzzSupport"),
        .testTarget(
            name: "BotpoolControllerTests",
            dependencies: [
                "BotpoolController", "BotpoolPlanner", "BotpoolManifest", "BotpoolCLI", "InMemoryWorld", "DockerTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        // Commands and the Docker daemon for the suites below (a library, not a test target).
        .target(name: "DockerTestSupport", path: "Tests/DockerTestSupport"),
        // End to end: the real controller against the real daemon, supervisord and bot processes.
        .testTarget(
            name: "ControllerE2ETests",
            dependencies: ["BotpoolCLI", "BotpoolController", "BotpoolClients", "BotpoolManifest", "BotpoolPlanner",
                           "DockerTestSupport",
                           // FreqTrade's websocket through the proxy, as FreqUI uses it.
                           .product(name: "HummingbirdWSClient", package: "hummingbird-websocket")]
        ),
        // Needs the real Docker daemon and the botpool/pool:dev image (scripts/setup).
        .testTarget(name: "EnvironmentTests",
                    dependencies: ["BotpoolTransport", "BotpoolClients", "BotpoolManifest", "BotpoolCLI", "DockerTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
