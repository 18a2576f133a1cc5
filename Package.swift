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
        // For other packages' tests: a hand-made miniature IPD-IMGT/HLA release and a fixture inventory typed
        // against it, temporary folders and inventories (docs/TESTING.md).
        .library(name: "CordMatchTesting", targets: ["CordMatchTesting"]),
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
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Fuzz targets (scripts/fuzz, docs/reliability/fuzzing.md): the entry points and oracles, one executable
        // that is a libFuzzer binary when built by scripts/fuzz and replays inputs otherwise.
        .target(name: "CordFuzz", dependencies: ["CordMatch", "CordInventory"]),
        .executableTarget(name: "cordmatch-fuzz", dependencies: ["CordFuzz"]),
        .target(
            name: "CordMatchTesting",
            dependencies: ["HLA", "CordMatch", "CordInventory", "CordSupport"],
            resources: [
                .copy("Resources/miniature-3.64.release"), .copy("Resources/fixture-units.csv"),
                .copy("Resources/fixture-recipients.csv"),
            ]
        ),
        // This package's own test kit (not a product): the real releases in ../shared, the package's fixtures,
        // fixture inventories, generated typings for property tests.
        .target(name: "TestSupport", dependencies: [
            "HLA", "CordMatch", "CordInventory", "CordMatchTesting", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PropertyBased", package: "swift-property-based"),
        ], path: "Tests/TestSupport"),
        .testTarget(name: "HLATests", dependencies: ["HLA", "CordSupport", "CordMatchTesting", "TestSupport"]),
        .testTarget(name: "CordMatchTests", dependencies: [
            "CordMatch", "HLA", "CordSupport", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "CordIndexTests", dependencies: [
            "CordIndex", "CordMatch", "HLA", "CordSupport", "CordMatchTesting", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "CordInventoryTests", dependencies: [
            "CordInventory", "CordIndex", "CordMatch", "HLA", "CordSupport", "CordMatchTesting", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "CordServiceTests", dependencies: [
            "CordService", "CordInventory", "CordMatch", "HLA", "CordMatchTesting", "TestSupport",
        ]),
        .testTarget(name: "CLITests", dependencies: [
            "cordmatch", "CordMatchTesting", "TestSupport", "CordServer", "CordService", "CordInventory", "CordMatch",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
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
        // The product as another package sees it: nothing of this package's own kit, no ../shared.
        .testTarget(name: "CordMatchTestingTests", dependencies: ["CordMatchTesting", "CordInventory", "CordMatch", "HLA"]),
        .testTarget(name: "CordFuzzTests", dependencies: ["CordFuzz", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// Every file says what it uses: a module's members are visible only where the module is imported.
for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
