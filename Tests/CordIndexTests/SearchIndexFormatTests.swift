import CordIndex
import CordMatch
import CordMatchTesting
import CordSupport
import Foundation
import HLA
import Testing

/// The search index's bytes (`SearchIndex.encode`, `decode`): an index read back is the index written, and bytes
/// that are not a whole, undamaged index of this format version — cut short, one byte changed, another version,
/// another magic, bytes added — are refused (nil), never read as some other index. Typings resolved with the
/// miniature release, so no installed release is needed.
@Suite struct SearchIndexFormatTests {
    /// Units of every kind the store holds: allele names, XX codes, serology with a broad, a null allele, a
    /// homozygous locus, untyped loci.
    static let units = [
        "A*02:01+A*24:02^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01^DQB1*06:02+DQB1*02:01",
        "A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:XX+DRB1*03:01",
        "A2+A9^B44+B8^DRB1*15:01+DRB1*03:01",
        "A*02:01+A*01:01:01:02N^B*44:02+B*44:02^C*07:02+C*04:01^DRB1*04:01+DRB1*13:01",
        "A*01:01+A*03:01^B*07:02+B*35:01^DRB1*04:01+DRB1*13:01^DPB1*04:01+DPB1*09:01",
    ]

    /// An index of `units` (every other one searchable), generation 7.
    static func index() throws -> SearchIndex {
        let resolver = try MiniatureRelease.resolver()
        let typings = try units.map { try resolver.resolve($0) }
        return SearchIndex(generation: 7, release: resolver.data.version, resolverDigest: resolver.configurationDigest,
                           unitIDs: units.indices.map { "U\($0)" }, searchable: units.indices.map { UInt8(($0 + 1) % 2) },
                           store: CompactTypingStore(typings))
    }

    /// `bytes` with their last eight bytes replaced by the checksum of the rest, as the writer computes it.
    static func checksummed(_ bytes: Data) -> Data {
        var body = bytes.dropLast(8)
        let sum = body.withUnsafeBytes(FNV1a.fourLanes)
        withUnsafeBytes(of: sum.littleEndian) { body.append(contentsOf: $0) }
        return Data(body)
    }

    @Test func anIndexReadBackIsTheIndexWritten() throws {
        let index = try Self.index()
        let bytes = index.encode()
        let read = try #require(SearchIndex.decode(bytes))
        #expect(read.stamp == index.stamp && read.generation == 7 && read.release == MiniatureRelease.version)
        #expect(read.resolverDigest == index.resolverDigest)
        #expect(Array(read.unitIDs) == ["U0", "U1", "U2", "U3", "U4"] && Array(read.searchable) == [1, 0, 1, 0, 1])
        #expect(read.floor != nil && read.store.count == Self.units.count)
        #expect(read.encode() == bytes)
        // Read in place, it scores every unit as the store it was written from.
        let recipient = try MiniatureRelease.resolver().resolve(Self.units[0])
        var written: [PairCounts] = [], decoded: [PairCounts] = []
        CompactScorer(recipient: recipient, store: index.store).forEachUnit(in: index.store) { _, c in written.append(c) }
        CompactScorer(recipient: recipient, store: read.store).forEachUnit(in: read.store) { _, c in decoded.append(c) }
        #expect(decoded == written && decoded.count == Self.units.count)
        #expect(decoded[0].x8.definite == 8)
    }

    @Test func anEmptyIndexRoundTrips() throws {
        let empty = SearchIndex(generation: 0, release: MiniatureRelease.version, resolverDigest: 1, unitIDs: [], searchable: [],
                                store: CompactTypingStore())
        let read = try #require(SearchIndex.decode(empty.encode()))
        #expect(read.unitIDs.isEmpty && read.store.count == 0 && read.stamp == empty.stamp)
    }

    @Test func aFileCutShortIsRefusedAtEveryLength() throws {
        let bytes = try Self.index().encode()
        for length in 0..<bytes.count {
            #expect(SearchIndex.decode(bytes.prefix(length)) == nil, "\(length) of \(bytes.count) bytes")
        }
    }

    @Test func oneChangedByteAnywhereIsRefused() throws {
        let bytes = try Self.index().encode()
        for offset in 0..<bytes.count {
            var damaged = bytes
            damaged[offset] ^= 0x20
            #expect(SearchIndex.decode(damaged) == nil, "byte \(offset) of \(bytes.count)")
        }
    }

    /// The decoding runs while the checksum is still being computed, so it must survive any bytes: every byte
    /// changed in three ways and the checksum made to hold again, every count and offset is checked (a trap would
    /// end the test run). What such a file decodes to is another index or nil; one changed byte of the stored
    /// counts is always refused.
    @Test func anyBytesWithAChecksumThatHoldsDecodeWithoutATrap() throws {
        let bytes = try Self.index().encode()
        var refused = 0
        for offset in 0..<(bytes.count - 8) {
            for flip: UInt8 in [0x20, 0x80, 0xFF] {
                var damaged = bytes
                damaged[offset] ^= flip
                if SearchIndex.decode(Self.checksummed(damaged)) == nil { refused += 1 }
            }
        }
        // The unit count, a u64 after magic (8), version (4), stamp (8), generation (8), release and digest (8).
        let countOffset = 8 + 4 + 8 + 8 + 4 + MiniatureRelease.version.utf8.count + 8
        #expect(bytes[countOffset] == UInt8(Self.units.count) && bytes[countOffset + 1] == 0)
        for byte in countOffset..<(countOffset + 8) {
            var damaged = bytes
            damaged[byte] ^= 0xFF
            #expect(SearchIndex.decode(Self.checksummed(damaged)) == nil, "count byte \(byte - countOffset)")
        }
        #expect(refused > 0)
    }

    /// Another format version is refused even with a checksum that holds (a file another cordmatch wrote whole).
    @Test func anotherFormatVersionIsRefused() throws {
        let bytes = try Self.index().encode()
        // The re-checksummed copy of the bytes as written decodes: what follows is refused for its version alone.
        #expect(SearchIndex.decode(Self.checksummed(bytes)) != nil)
        let versionOffset = 8  // after the magic
        for version in [SearchIndex.formatVersion - 1, SearchIndex.formatVersion + 1, 0, .max] {
            var other = bytes
            withUnsafeBytes(of: version.littleEndian) { other.replaceSubrange(versionOffset..<(versionOffset + 4), with: $0) }
            #expect(SearchIndex.decode(Self.checksummed(other)) == nil, "version \(version)")
        }
    }

    @Test func anotherMagicOrBytesAddedAreRefused() throws {
        let bytes = try Self.index().encode()
        var magic = bytes
        magic[7] = UInt8(ascii: "2")  // CMINDEX2
        #expect(SearchIndex.decode(Self.checksummed(magic)) == nil)
        var longer = bytes.dropLast(8)
        longer.append(contentsOf: [0, 0, 0, 0, 0, 0, 0, 0])
        longer.append(contentsOf: bytes.suffix(8))
        #expect(SearchIndex.decode(Self.checksummed(Data(longer))) == nil)
        #expect(SearchIndex.decode(Data(repeating: 0, count: bytes.count)) == nil)
    }
}
