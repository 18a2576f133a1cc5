import CordSupport

/// The reduction of every single name of a release at every level — alleles and their 2/3-field forms, short
/// nulls, XX codes, G and P group names, serologic antigens — so that reducing a name costs one hash lookup from
/// the first call on, as in a new process.
///
/// There is one reduction algorithm: the answers are computed by `Reducer` itself when the release is compiled
/// (`Reducer.precomputedAnswers()`, on reference data without answers) and stored in the snapshot. A name is a key
/// only when it passes validation exactly as written (no renaming, no warning, no `HLA-` prefix), so its answer is
/// the one the reducer computes for it. A level where the reducer throws for a key has no answer; the reducer then
/// takes its normal path and throws the same error.
///
/// Laid out for a cold cache (the first pass of a new process touches each name once): a lookup reads one hash slot
/// and one record holding the key and its short answers; only long answers (allele lists) live elsewhere. The
/// table is read in place from a loaded snapshot, not copied out of it.
struct AnswerTable: Sendable {
    /// The bytes the table reads: its own, or a whole mapped snapshot that holds them at `slots`, `records`, `long`.
    let storage: FixedBytes
    /// Open-addressing hash slots, u64 little-endian (linear probing, a power of two, at least twice the key count):
    /// 0 when empty, else the high 32 bits of the key's hash above its record offset + 1.
    let slots: Range<Int>
    /// Per key: a length byte, the key's bytes, then one answer per level in `ReductionType.allCases` order. An
    /// answer is a byte `b` followed by `b` bytes when `b < Self.noAnswer`; by nothing when `b == noAnswer`; by a
    /// u32 offset into `long` when `b == Self.longAnswer`.
    let records: Range<Int>
    /// Answers longer than `Self.maxInline` bytes, stored once each as a u32 length and the bytes.
    let long: Range<Int>

    static let maxInline = 47
    static let noAnswer: UInt8 = 254
    static let longAnswer: UInt8 = 255

    /// No answers: every reduction takes the reducer's normal path.
    static let empty = AnswerTable(answers: [])

    /// Stores `answers`: per key, its answer at each level (`ReductionType.allCases` order), nil where none.
    init(answers: [(key: String, levels: [String?])]) {
        var size = 2
        while size < 2 * answers.count { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        var records: [UInt8] = [], long: [UInt8] = []
        var longOffset: [String: UInt32] = [:]
        for (key, levels) in answers {
            precondition(key.utf8.count < 256 && levels.count == ReductionType.allCases.count)
            let h = Self.hash(Array(key.utf8))
            var s = Self.slot(h, size)
            while slots[s] != 0 { s = (s + 1) & (size - 1) }
            slots[s] = (h >> 32) << 32 | UInt64(records.count + 1)
            records.append(UInt8(key.utf8.count))
            records.append(contentsOf: key.utf8)
            for answer in levels {
                guard let a = answer else { records.append(Self.noAnswer); continue }
                if a.utf8.count <= Self.maxInline {
                    records.append(UInt8(a.utf8.count))
                    records.append(contentsOf: a.utf8)
                    continue
                }
                let offset = longOffset[a] ?? {
                    let o = UInt32(long.count)
                    withUnsafeBytes(of: UInt32(a.utf8.count).littleEndian) { long.append(contentsOf: $0) }
                    long.append(contentsOf: a.utf8)
                    longOffset[a] = o
                    return o
                }()
                records.append(Self.longAnswer)
                withUnsafeBytes(of: offset.littleEndian) { records.append(contentsOf: $0) }
            }
        }
        let slotBytes = slots.map(\.littleEndian).withUnsafeBytes { Array($0) }
        storage = FixedBytes(copying: slotBytes + records + long)
        self.slots = 0..<slotBytes.count
        self.records = slotBytes.count..<(slotBytes.count + records.count)
        self.long = self.records.upperBound..<storage.buffer.count
    }

    /// The table stored in `storage` at the given ranges (a loaded snapshot); nil when the slots are not a valid
    /// table over the records. (Records and long answers are read with bounds checks, so damaged ones give
    /// misses, never reads outside them.)
    init?(storage: FixedBytes, slots: Range<Int>, records: Range<Int>, long: Range<Int>) {
        let n = slots.count / 8
        guard n >= 2, n & (n - 1) == 0, slots.count == 8 * n,
              [slots, records, long].allSatisfy({ $0.lowerBound >= 0 && $0.upperBound <= storage.buffer.count }) else { return nil }
        let all = storage.buffer
        let inRange = (0..<n).allSatisfy {
            UInt64(littleEndian: all.loadUnaligned(fromByteOffset: slots.lowerBound + 8 * $0, as: UInt64.self)) & 0xFFFF_FFFF <= UInt64(records.count)
        }
        guard inRange else { return nil }
        self.storage = storage
        self.slots = slots
        self.records = records
        self.long = long
    }

    /// The position of `type` in a record.
    @inline(__always) static func level(_ type: ReductionType) -> Int {
        switch type {
        case .G: return 0
        case .P: return 1
        case .lg: return 2
        case .lgx: return 3
        case .S: return 4
        case .exon: return 5
        case .W: return 6
        }
    }

    /// True when `name` is a key: it passes validation as written, with no warning.
    func isKey(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { recordEnd(UnsafeRawBufferPointer($0)) } != nil
    }

    /// The stored reduction of `name` to `type`, or nil when none is stored.
    func answer(_ name: String, _ type: ReductionType) -> String? {
        var name = name
        return name.withUTF8 { answer(UnsafeRawBufferPointer($0), type) }
    }

    /// The stored reduction of the name spelled by ASCII bytes `name` to `type`, or nil when none is stored.
    func answer(_ name: UnsafeRawBufferPointer, _ type: ReductionType) -> String? {
        guard var p = recordEnd(name) else { return nil }
        let all = storage.buffer, rec = UnsafeRawBufferPointer(rebasing: all[records])
        for _ in 0..<Self.level(type) {
            guard p < rec.count else { return nil }
            let b = rec[p]
            p += b == Self.noAnswer ? 1 : b == Self.longAnswer ? 5 : 1 + Int(b)
        }
        guard p < rec.count else { return nil }
        let b = rec[p]
        if b < Self.noAnswer {
            guard p + 1 + Int(b) <= rec.count else { return nil }
            return String(decoding: UnsafeRawBufferPointer(rebasing: rec[(p + 1)..<(p + 1 + Int(b))]), as: UTF8.self)
        }
        guard b == Self.longAnswer, p + 5 <= rec.count else { return nil }
        let offset = Int(UInt32(littleEndian: rec.loadUnaligned(fromByteOffset: p + 1, as: UInt32.self)))
        let l = UnsafeRawBufferPointer(rebasing: all[long])
        guard offset + 4 <= l.count else { return nil }
        let n = Int(UInt32(littleEndian: l.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        guard offset + 4 + n <= l.count else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: l[(offset + 4)..<(offset + 4 + n)]), as: UTF8.self)
    }

    /// The offset just past the key in the record of `name`, or nil when `name` is not a key.
    @inline(__always)
    private func recordEnd(_ name: UnsafeRawBufferPointer) -> Int? {
        let h = Self.hash(name)
        let tag = (h >> 32) << 32
        let all = storage.buffer
        let slots = UnsafeRawBufferPointer(rebasing: all[self.slots]), rec = UnsafeRawBufferPointer(rebasing: all[records])
        let n = slots.count / 8
        var s = Self.slot(h, n)
        while true {
            let v = UInt64(littleEndian: slots.loadUnaligned(fromByteOffset: 8 * s, as: UInt64.self))
            if v == 0 { return nil }
            if v & 0xFFFF_FFFF_0000_0000 == tag {
                let r = Int(v & 0xFFFF_FFFF) - 1
                if r < rec.count, Int(rec[r]) == name.count, r + 1 + name.count <= rec.count,
                   name.elementsEqual(UnsafeRawBufferPointer(rebasing: rec[(r + 1)..<(r + 1 + name.count)])) {
                    return r + 1 + name.count
                }
            }
            s = (s + 1) & (n - 1)
        }
    }

    @inline(__always) private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = FNV1a()
        h.add(bytes)
        return h.value
    }

    private static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { hash($0) } }

    /// A slot from the high bits of the hash (FNV-1a's low bits mix poorly).
    @inline(__always) private static func slot(_ h: UInt64, _ size: Int) -> Int {
        Int(truncatingIfNeeded: h >> UInt64(64 - size.trailingZeroBitCount))
    }
}
