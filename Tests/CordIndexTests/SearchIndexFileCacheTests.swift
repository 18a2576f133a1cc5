import CordIndex
import CordMatchTesting
import Foundation
import Testing

/// The copy of an index in the file beside a database (`SearchIndexFile`), on its own: taken only when it is the
/// index of the stamp asked for and whole; written owner-only; a failed write leaves nothing.
@Suite struct SearchIndexFileCacheTests {
    @Test func theFileIsTakenOnlyForItsOwnStamp() throws {
        let folder = try TemporaryFolder("cordmatch-index-file")
        let database = folder.path("inventory.sqlite"), index = try SearchIndexFormatTests.index()
        #expect(SearchIndexFile.path(forDatabase: database) == database + "-index")
        #expect(SearchIndexFile.load(database: database, stamp: index.stamp) == nil, "no file yet")
        let bytes = index.encode()
        bytes.withUnsafeBytes { SearchIndexFile.save($0, database: database) }
        let file = SearchIndexFile.path(forDatabase: database)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(SearchIndexFile.load(database: database, stamp: index.stamp)?.encode() == bytes)
        #expect(SearchIndexFile.load(database: database, stamp: index.stamp &+ 1) == nil, "another index's stamp")
        // Cut short: not taken, though the stamp is right.
        try bytes.prefix(bytes.count - 1).write(to: URL(fileURLWithPath: file))
        #expect(SearchIndexFile.load(database: database, stamp: index.stamp) == nil)
    }

    @Test func aFileThatCannotBeWrittenLeavesNothing() throws {
        let folder = try TemporaryFolder("cordmatch-index-file")
        let database = folder.path("missing-folder/inventory.sqlite")
        try SearchIndexFormatTests.index().encode().withUnsafeBytes { SearchIndexFile.save($0, database: database) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
