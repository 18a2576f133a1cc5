// swift-tools-version: 6.1
// An integrator's package, as docs/TESTING.md ("Testing your integration") describes it: its tests depend on
// cordmatch's `CordMatch` and `CordMatchTesting` products and need no installed IPD-IMGT/HLA release.
// Not built by the root package nor by CI: `swift test --scratch-path /tmp/integrator-build` in this folder.
import PackageDescription

let package = Package(
    name: "Integrator",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "cordmatch", path: "../.."),
    ],
    targets: [
        .testTarget(name: "IntegratorTests", dependencies: [
            .product(name: "CordMatch", package: "cordmatch"),
            .product(name: "CordMatchTesting", package: "cordmatch"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
