// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cordmatch",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CordMatch", targets: ["HLA", "CordIndex", "CordMatch", "CordInventory"]),
        .library(name: "CordServer", targets: ["CordServer"]),
        .executable(name: "cordmatch", targets: ["cordmatch"]),
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
        .target(name: "HLA"),
        .target(name: "CordIndex", dependencies: ["CordMatch"]),
        .target(name: "CordMatch", dependencies: ["HLA"]),
        .target(name: "CordInventory", dependencies: [
            "HLA", "CordMatch", "CordIndex", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "CordServer", dependencies: [
            "HLA", "CordMatch", "CordInventory",
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
                "CordMatch", "CordInventory", "CordServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "HLATests", dependencies: ["HLA", "TestSupport"]),
        .testTarget(name: "CordMatchTests", dependencies: [
            "CordMatch", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "CordInventoryTests", dependencies: [
            "CordInventory", "CordIndex", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "CLITests", dependencies: [
            "cordmatch", "TestSupport", "CordServer", "CordInventory", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "CordServerTests", dependencies: [
            "CordServer", "CordInventory", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
