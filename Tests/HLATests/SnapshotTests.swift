import CordSupport
import Foundation
@testable import HLA
import Testing
import TestSupport
import CordMatchTesting

@Suite struct SnapshotTests {
    /// A snapshot loads to the same reference data as the text files, and is rebuilt when damaged.
    @Test func snapshotRoundTripsAndSurvivesDamage() throws {
        let dir = try TemporaryFolder("cordmatch-snap")
        let release = try MiniatureRelease.temporaryFolder()
        let folder = ReleaseFolder(release.url)
        let (built, first) = try ReferenceDataLoader.load(folder, snapshotDirectory: dir.url)
        #expect(!first.fromSnapshot)
        let (loaded, second) = try ReferenceDataLoader.load(folder, snapshotDirectory: dir.url)
        #expect(second.fromSnapshot)
        #expect(loaded.names.bytes == built.names.bytes && loaded.columns == built.columns && loaded.lists.items == built.lists.items)
        let (a, b) = (loaded.answers, built.answers)
        let sameAnswers = [a.slots, a.records, a.long].map { Array(a.storage.buffer[$0]) } == [b.slots, b.records, b.long].map { Array(b.storage.buffer[$0]) }
        let g = a.answer("A*01:01:01:01", .G)
        #expect(sameAnswers && g == "A*01:01:01G")
        #expect(loaded.version == MiniatureRelease.version && loaded.relDnaSerLayout == .sevenField)

        // Flip one byte: the checksum rejects the file and the loader rebuilds from the text files.
        let path = try #require(second.snapshotPath)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        let (_, third) = try ReferenceDataLoader.load(folder, snapshotDirectory: dir.url)
        #expect(!third.fromSnapshot)
    }

    @Test func snapshotOfOtherSourceFilesIsNotUsed() throws {
        let data = try SharedReleases.release("3.58.0")
        let encoded = [UInt8](Snapshot.encode(data, sourceHash: 42))
        let decode = { (bytes: [UInt8], hash: UInt64) in Snapshot.decode(FixedBytes(copying: bytes), expectedSourceHash: hash) }
        #expect(decode(encoded, 42) != nil)
        #expect(decode(encoded, 43) == nil)
        #expect(decode(Array(encoded.prefix(encoded.count - 9)), 42) == nil)
    }
}
