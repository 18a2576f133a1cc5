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
        #expect(Self.sameTables(loaded, built))
        // Compiled from text: owned columns; loaded from the snapshot file: views of its mapping.
        #expect(!built.names.bytes.isView && built.columns.allSatisfy { !$0.isView } && !built.lists.items.isView)
        #expect(Self.allViews(loaded))
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

    /// Decoded from bytes in memory, a snapshot gives the same names, columns, lists and answers, every array a
    /// view of those bytes; a damaged one, or one of another format version with a valid checksum, is refused.
    @Test func snapshotDecodesInPlaceAndRefusesOtherFormats() throws {
        let data = try SharedReleases.release("3.58.0")
        let encoded = [UInt8](Snapshot.encode(data, sourceHash: 42))
        let decode = { (bytes: [UInt8]) in Snapshot.decode(FixedBytes(copying: bytes), expectedSourceHash: 42) }
        let decoded = try #require(decode(encoded))
        #expect(Self.sameTables(decoded, data) && Self.allViews(decoded))
        #expect(decoded.answers.answer("A*01:01:01:01", .G) == data.answers.answer("A*01:01:01:01", .G))
        #expect([UInt8](Snapshot.encode(decoded, sourceHash: 42)) == encoded)

        var damaged = encoded
        damaged[encoded.count / 3] ^= 0x01
        #expect(decode(damaged) == nil)
        // The same bytes as format 7 (or 9), checksum recomputed: refused for the version alone.
        for version in [Snapshot.formatVersion - 1, Snapshot.formatVersion + 1] {
            #expect(decode(Self.resealed(encoded, formatVersion: version)) == nil, "format \(version)")
        }
        #expect(decode(Self.resealed(encoded, formatVersion: Snapshot.formatVersion)) != nil)
    }

    /// `bytes` with its format version replaced and its checksum recomputed.
    private static func resealed(_ bytes: [UInt8], formatVersion: UInt32) -> [UInt8] {
        var b = bytes
        withUnsafeBytes(of: formatVersion.littleEndian) { b.replaceSubrange(Snapshot.magic.count..<(Snapshot.magic.count + 4), with: $0) }
        let sum = b.withUnsafeBytes { FNV1a.fourLanes(UnsafeRawBufferPointer(rebasing: $0[0..<(b.count - 8)])) }
        withUnsafeBytes(of: sum.littleEndian) { b.replaceSubrange((b.count - 8)..<b.count, with: $0) }
        return b
    }

    /// Whether two releases hold the same name table, columns and lists, value for value.
    private static func sameTables(_ a: ReferenceData, _ b: ReferenceData) -> Bool {
        Array(a.names.bytes) == Array(b.names.bytes) && Array(a.names.offsets) == Array(b.names.offsets)
            && a.columns.map { Array($0) } == b.columns.map { Array($0) }
            && Array(a.lists.offsets) == Array(b.lists.offsets) && Array(a.lists.items) == Array(b.lists.items)
    }

    /// Whether every array of the name table, columns and lists is read in place.
    private static func allViews(_ d: ReferenceData) -> Bool {
        d.names.bytes.isView && d.names.offsets.isView && d.columns.allSatisfy(\.isView)
            && d.lists.offsets.isView && d.lists.items.isView
    }
}
