// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cordmatch",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CordMatch", targets: ["HLA", "CordMatch", "CordIndex", "CordInventory", "CordService"]),
        .library(name: "CordServer", targets: ["CordServer"]),
        .executable(name: "cordmatch", targets: ["cordmatch"]),
        .executable(name: "cordmatch-fuzz", targets: ["cordmatch-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Infrastructure of every layer (binary coding, mapped bytes, hashing, memo tables, threads, owner-only
        // files): `package` API, in no product.
        .target(name: "CordSupport"),
        .target(name: "HLA", dependencies: ["CordSupport"]),
        .target(name: "CordMatch", dependencies: ["HLA", "CordSupport"]),
        .target(name: "CordIndex", dependencies: ["CordMatch", "HLA", "CordSupport"]),
        .target(name: "CordInventory", dependencies: [
            "HLA", "CordMatch", "CordIndex", "CordSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The service layer the CLI, the server and other programs stand on: reference data wired into a resolver,
        // policies by name, an inventory answering searches and explanations with report models, and their
        // renderings.
        .target(name: "CordService", dependencies: ["HLA", "CordMatch", "CordIndex", "CordInventory", "CordSupport"]),
        // `cordmatch serve`: the HTTP API, accounts, sessions and audit, on the service layer.
        .target(name: "CordServer", dependencies: [
            "HLA", "CordMatch", "CordInventory", "CordService",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .executableTarget(
            name: "cordmatch",
            dependencies: [
                "HLA", "CordMatch", "CordInventory", "CordService", "CordSupport", "CordServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz targets (scripts/fuzz, docs/reliability/fuzzing.md): the entry points and oracles, one executable
        // that is a libFuzzer binary when built by scripts/fuzz and replays inputs otherwise.
        .target(name: "CordFuzz", dependencies: ["CordMatch", "CordInventory"]),
        .executableTarget(name: "cordmatch-fuzz", dependencies: ["CordFuzz"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "HLATests", dependencies: ["HLA", "CordSupport", "TestSupport"]),
        .testTarget(name: "CordMatchTests", dependencies: [
            "CordMatch", "CordIndex", "HLA", "CordSupport", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "CordInventoryTests", dependencies: [
            "CordInventory", "CordIndex", "CordMatch", "HLA", "CordSupport", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "CordServiceTests", dependencies: ["CordService", "CordInventory", "CordMatch", "HLA", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: [
            "cordmatch", "TestSupport", "CordServer", "CordService", "CordInventory", "CordMatch",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "CordServerTests", dependencies: [
            "CordServer", "CordService", "CordInventory", "CordMatch", "TestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "CordFuzzTests", dependencies: ["CordFuzz", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// Every file says what it uses: a module's members are visible only where the module is imported.
for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
