// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cordmatch",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CordMatch", targets: ["HLA", "CordIndex", "CordMatch", "CordInventory"]),
        .executable(name: "cordmatch", targets: ["cordmatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(name: "HLA"),
        .target(name: "CordIndex", dependencies: ["CordMatch"]),
        .target(name: "CordMatch", dependencies: ["HLA"]),
        .target(name: "CordInventory", dependencies: [
            "HLA", "CordMatch", "CordIndex", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .executableTarget(
            name: "cordmatch",
            dependencies: [
                "CordMatch", "CordInventory",
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
        .testTarget(name: "CLITests", dependencies: ["cordmatch", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
