import Foundation
import HLA

/// The package's own folder, found from this file's place in it: the fixtures, and the folder beside it that holds
/// the shared reference data (`../shared`).
public enum PackageFolder {
    /// The package root (the folder of `Package.swift`).
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `fixtures/` of the package.
    public static let fixtures = root.appendingPathComponent("fixtures")

    /// A file or folder of `fixtures/`.
    /// - Parameter relative: Its path inside `fixtures/` (`"inventory/units.csv"`).
    /// - Returns: Its URL.
    public static func fixture(_ relative: String) -> URL { fixtures.appendingPathComponent(relative) }

    /// The NMDP MAC sample (`fixtures/mac/numer-sample.txt`, ten codes).
    public static let macSample = fixture("mac/numer-sample.txt")

    /// The MAC sample's table.
    /// - Returns: The table of the sample's ten codes.
    /// - Throws: The table's error when the file cannot be read.
    public static func macs() throws -> MACTable { try MACTable.load(macSample) }
}
