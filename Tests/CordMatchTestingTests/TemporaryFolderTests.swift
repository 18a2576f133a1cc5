import CordInventory
import CordMatchTesting
import Foundation
import Testing

/// The kit's temporary folders: owner-only, and removed with everything in them when the value goes, so that no
/// test removes its own.
@Suite struct TemporaryFolderTests {
    @Test func aFolderIsOwnerOnlyAndGoesWithItsValue() throws {
        var path = ""
        try TemporaryFolder.with("cordmatch-kit") { folder in
            path = folder.path
            try folder.write("x\n", to: "a/b.txt")
            let mode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
            #expect(mode == 0o700)
            #expect(try String(contentsOfFile: folder.path("a/b.txt"), encoding: .utf8) == "x\n")
        }
        #expect(!path.isEmpty && !FileManager.default.fileExists(atPath: path))
    }

    @Test func aFixtureStoreMadeInAFolderGoesWithTheFolder() throws {
        var path = ""
        let units = try TemporaryFolder.with("cordmatch-kit") { folder in
            path = folder.path("bank.sqlite")
            return try FixtureInventory.makeStore(at: path).unitCount()
        }
        #expect(units == 10)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
