/// One of the two values at a locus, resolved against a release into sorted id sets, so that comparing two
/// positions is a few integer comparisons (see `PositionComparison`).
public struct PositionTyping: Sendable, Hashable {
    /// How precisely the value is known.
    public enum Resolution: String, Sendable, Codable {
        /// One allele name (2–4 fields).
        case allele
        /// An allele list, XX code, MAC, or G/P group: several alleles are possible.
        case ambiguous
        /// A serologic antigen or a first-field DNA typing (`A2`, `A*02`).
        case antigen
        /// Not typed: anything is possible.
        case untyped
    }

    /// The value as written (`A*02:01`, `A*02:XX`, `A2`, or empty when untyped).
    public let written: String
    /// How precisely the value is known.
    public let resolution: Resolution
    /// P keys (P group, or the 2-field name of an expressed allele in no P group) of the expressed alleles the
    /// value may be; sorted, unique. Empty when untyped or not expressed.
    public let pKeys: [Int32]
    /// Antigen-level keys it may carry; sorted, unique.
    public let antigens: [Int32]
    /// G group, protein (2-field) and cDNA (3-field) ids when the value is one allele, else -1.
    public let gKey: Int32, protein: Int32, cdna: Int32
    /// True when every allele the value may be is a null allele (not expressed).
    public let isNull: Bool
    /// True when the value is written as alternatives of which one is a null allele and another expressed
    /// (`A*02:01/A*02:43N`): it is treated as expressed, but none of its matches is known until confirmatory
    /// typing settles it. (A G group, XX code or MAC is one written alternative: a G group follows the
    /// antigen-recognition-domain meaning WMDA and py-ard give it; XX codes and MACs are potential anyway.)
    public let mayBeNull: Bool
    /// DPB1 T-cell-epitope group (1 highest immunogenicity … 3), 0 when unknown or not DPB1.
    public let tceGroup: UInt8

    /// An untyped position: no keys, not null, no TCE group.
    public static let untyped = PositionTyping(written: "", resolution: .untyped, pKeys: [], antigens: [], gKey: -1,
                                               protein: -1, cdna: -1, isNull: false, mayBeNull: false, tceGroup: 0)

    /// Makes a value from its parts (`TypingResolver` is how a value is resolved).
    ///
    /// - Parameters:
    ///   - written: The value as written.
    ///   - resolution: How precisely it is known.
    ///   - pKeys: The P keys it may be, sorted and unique.
    ///   - antigens: The antigen keys it may carry, sorted and unique.
    ///   - gKey: Its G group id when one allele, else -1.
    ///   - protein: Its 2-field name's id when one allele, else -1.
    ///   - cdna: Its 3-field name's id when one allele, else -1.
    ///   - isNull: Whether every allele it may be is null.
    ///   - mayBeNull: Whether some allele it may be is null.
    ///   - tceGroup: Its DPB1 TCE group (1–3), or 0.
    public init(written: String, resolution: Resolution, pKeys: [Int32], antigens: [Int32], gKey: Int32, protein: Int32,
                cdna: Int32, isNull: Bool, mayBeNull: Bool = false, tceGroup: UInt8) {
        self.written = written
        self.resolution = resolution
        self.pKeys = pKeys
        self.antigens = antigens
        self.gKey = gKey
        self.protein = protein
        self.cdna = cdna
        self.isNull = isNull
        self.mayBeNull = mayBeNull
        self.tceGroup = tceGroup
    }

    /// True when the value is known to be one P group at allele level (one allele, or a list/group within one
    /// P group, none of whose possibilities is a null allele).
    public var isSingleP: Bool { pKeys.count == 1 && resolution != .antigen && resolution != .untyped && !mayBeNull }

    /// The same value for matching (same P keys and antigen keys): a locus typed twice with it is homozygous.
    ///
    /// - Parameter other: Another value at the same locus.
    /// - Returns: Whether the two are the same for matching (never for an untyped value).
    public func isSameValue(_ other: PositionTyping) -> Bool {
        resolution != .untyped && pKeys == other.pKeys && antigens == other.antigens
    }
}

/// Sorted-array set operations used by scoring.
extension Array where Element == Int32 {
    /// True when two sorted arrays share an element (binary search when one side has one element).
    func intersectsSorted(_ other: [Int32]) -> Bool {
        if isEmpty || other.isEmpty { return false }
        if count == 1 { return other.containsSorted(self[0]) }
        if other.count == 1 { return containsSorted(other[0]) }
        var i = 0, j = 0
        while i < count && j < other.count {
            let a = self[i], b = other[j]
            if a == b { return true }
            if a < b { i += 1 } else { j += 1 }
        }
        return false
    }

    func containsSorted(_ x: Int32) -> Bool {
        var lo = 0, hi = count - 1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            if self[mid] == x { return true }
            if self[mid] < x { lo = mid + 1 } else { hi = mid - 1 }
        }
        return false
    }
}
