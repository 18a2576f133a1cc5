import CordSupport
import Foundation
import HLA

/// The compiled form of a haplotype frequency set on disk, so that loading an installed set is a few copies instead
/// of parsing and translating its file again. Keyed by a hash of what it was compiled from (the file, the codes it
/// was installed for, the release); a damaged, stale or foreign snapshot is not used — the set is compiled again.
///
/// Layout (little-endian): magic `CMHAPSET`, format version u32, source key u64, then the metadata (name, release,
/// nomenclature version with a presence byte, source resolution, source format, populations, registries as a u32
/// count of strings, the frequency sum's bit pattern u64), per locus the value names (u32 count, strings), the
/// haplotypes' value ids (u64 count + u32s), the frequencies' bit patterns (u64 count + u64s), and an FNV-1a
/// checksum u64 of everything before it.
public enum HaplotypeSetSnapshot {
    static let magic = Array("CMHAPSET".utf8)
    static let formatVersion: UInt32 = 1

    /// The snapshot of `set`, compiled from what `sourceKey` names.
    /// - Parameters:
    ///   - set: the compiled set.
    ///   - sourceKey: a hash of the file and installation options the set was compiled from.
    /// - Returns: the bytes to write.
    public static func encode(_ set: HaplotypeFrequencySet, sourceKey: UInt64) -> Data {
        var w = BinaryWriter()
        w.writeBytes(magic)
        w.write(formatVersion)
        w.write(sourceKey)
        let m = set.metadata
        w.write(m.name)
        w.write(m.release)
        w.write(UInt8(m.nomenclatureVersion == nil ? 0 : 1))
        w.write(m.nomenclatureVersion ?? "")
        w.write(m.sourceResolution)
        w.write(m.sourceFormat)
        for list in [m.populations, m.registries] {
            w.write(UInt32(list.count))
            for s in list { w.write(s) }
        }
        w.write(m.frequencySum.bitPattern)
        for locusValues in set.values {
            w.write(UInt32(locusValues.count))
            for v in locusValues { w.write(v) }
        }
        w.write(set.haplotypeValues)
        w.write(set.frequencies.map(\.bitPattern))
        var h = FNV1a()
        w.data.withUnsafeBytes { h.add($0) }
        w.write(h.value)
        return w.data
    }

    /// The set in `data`, or nil when it is not a snapshot of this format compiled from `sourceKey` for `release`,
    /// or is damaged.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - sourceKey: the hash the caller expects.
    ///   - release: the release the caller will use the set with.
    /// - Returns: the set, or nil.
    public static func decode(_ data: Data, sourceKey: UInt64, release: String) -> HaplotypeFrequencySet? {
        data.withUnsafeBytes { raw -> HaplotypeFrequencySet? in
            guard raw.count > magic.count + 8, Array(raw.prefix(magic.count)) == magic else { return nil }
            var h = FNV1a()
            h.add(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 8)]))
            guard raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self) == h.value else { return nil }
            var r = BinaryReader(raw, start: magic.count, end: raw.count - 8)
            guard r.read() == formatVersion, r.read() == sourceKey,
                  let name = r.string(), let rel = r.string(), rel == release,
                  let hasVersion: UInt8 = r.read(), let version = r.string(),
                  let resolution = r.string(), let format = r.string(),
                  let populations = strings(&r), let registries = strings(&r),
                  let sumBits: UInt64 = r.read() else { return nil }
            var values: [[String]] = []
            for _ in HaplotypeFrequencySet.loci {
                guard let v = strings(&r) else { return nil }
                values.append(v)
            }
            guard let haplotypeValues: [UInt32] = r.array(), let frequencyBits: [UInt64] = r.array(),
                  haplotypeValues.count == frequencyBits.count * HaplotypeFrequencySet.loci.count, r.position == raw.count - 8 else { return nil }
            for (i, v) in haplotypeValues.enumerated() where Int(v) >= values[i % HaplotypeFrequencySet.loci.count].count { return nil }
            let frequencies = frequencyBits.map(Double.init(bitPattern:))
            guard frequencies.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
            let metadata = HaplotypeFrequencySet.Metadata(
                name: name, populations: populations, registries: registries, release: rel,
                nomenclatureVersion: hasVersion == 1 ? version : nil, sourceResolution: resolution, sourceFormat: format,
                frequencySum: Double(bitPattern: sumBits))
            return HaplotypeFrequencySet(metadata: metadata, values: values, haplotypeValues: haplotypeValues, frequencies: frequencies)
        }
    }

    private static func strings(_ r: inout BinaryReader) -> [String]? {
        guard let n: UInt32 = r.read(), n <= UInt32(Int32.max) else { return nil }
        var out: [String] = []
        for _ in 0..<n {
            guard let s = r.string() else { return nil }
            out.append(s)
        }
        return out
    }
}
