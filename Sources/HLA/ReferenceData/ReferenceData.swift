import CordSupport

/// One IPD-IMGT/HLA release, compiled for lookups: every name interned in a sorted `NameTable`, and per-name
/// columns of small integers (ids of other names, or ids of lists in `lists`). Immutable and `Sendable`, so one
/// instance serves every search and thread.
///
/// Every single name's reduction at every level is stored too (`answers`, computed by the reducer when the
/// release is compiled), so reductions are fast from the first call.
///
/// Build it with `ReferenceDataLoader` (from a release folder, through the binary snapshot cache).
public final class ReferenceData: Sendable {
    /// Release version, e.g. `3.58.0`.
    public let version: String
    /// Which `rel_dna_ser.txt` layout the release used.
    public let relDnaSerLayout: RelDnaSerLayout

    let names: NameTable
    /// One column per `Column` (indexed by its raw value), each `names.count` long; views of the mapped snapshot
    /// when loaded from one.
    let columns: [FlatColumn<Int32>]
    let lists: ListPool
    /// Stored reductions of single names (`AnswerTable.empty` while the release is being compiled).
    let answers: AnswerTable

    init(version: String, relDnaSerLayout: RelDnaSerLayout, names: NameTable, columns: [FlatColumn<Int32>], lists: ListPool,
         answers: AnswerTable = .empty) {
        precondition(columns.count == Column.allCases.count && columns.allSatisfy { $0.count == names.count })
        self.version = version
        self.relDnaSerLayout = relDnaSerLayout
        self.names = names
        self.columns = columns
        self.lists = lists
        self.answers = answers
    }

    /// The same release with `answers` stored.
    func withAnswers(_ answers: AnswerTable) -> ReferenceData {
        ReferenceData(version: version, relDnaSerLayout: relDnaSerLayout, names: names, columns: columns, lists: lists, answers: answers)
    }

    /// Per-name facts, one column each. Raw values index `columns` and fix the snapshot layout.
    enum Column: Int, CaseIterable {
        case flags
        case gGroup, duplicateG, pGroup, lgx, exon, pNotG
        case whoGroup, xxCodes, shortNulls
        case serologyAlleles, serologyLgxAlleles, serologyXX, serologiesOfAllele, serologiesOfLgx, serologiesOfRelgx
        case splits, associatedWith, associatedAntigens, antigenKeys
        case replacement, deletionReason
    }

    /// Bits of the `flags` column.
    struct Flags: OptionSet {
        let rawValue: Int32
        static let whoAllele = Flags(rawValue: 1)       // a name in Allelelist.txt
        static let validAllele = Flags(rawValue: 2)     // a WHO name, its 2/3-field forms, or a reducible expression name
        static let gGroupName = Flags(rawValue: 4)
        static let pGroupName = Flags(rawValue: 8)
        static let serology = Flags(rawValue: 16)       // a serologic antigen py-ard recognises
        static let xxKey = Flags(rawValue: 32)          // a first field (`A*02`) that XX codes expand
        static let deleted = Flags(rawValue: 64)        // named in hla_nom.txt with a deletion date
        static let partialSequence = Flags(rawValue: 128)
        static let notExpressed = Flags(rawValue: 256)  // rel_dna_ser assigns antigen 0
        static let noSerologyAssigned = Flags(rawValue: 512) // rel_dna_ser assigns `?`
        static let pNotGTarget = Flags(rawValue: 1024)  // the lgx name of an allele with a P group but no G group
    }

    // MARK: - Lookups (internal; the public API is the reducer, expander and validator)

    @inline(__always) func id(_ name: String) -> Int32? { names.id(of: name) }
    @inline(__always) func name(_ id: Int32) -> String { names.name(id) }
    @inline(__always) func flags(_ id: Int32) -> Flags { Flags(rawValue: columns[Column.flags.rawValue][Int(id)]) }
    @inline(__always) func has(_ name: String, _ flag: Flags) -> Bool {
        guard let i = id(name) else { return false }
        return flags(i).contains(flag)
    }
    /// The name stored in `column` for `name`, or nil.
    func value(_ column: Column, of name: String) -> String? {
        guard let i = id(name) else { return nil }
        let v = columns[column.rawValue][Int(i)]
        return v < 0 ? nil : self.name(v)
    }
    /// The list stored in `column` for `name`, or nil.
    func list(_ column: Column, of name: String) -> [String]? {
        guard let i = id(name) else { return nil }
        let v = columns[column.rawValue][Int(i)]
        return v < 0 ? nil : lists.items(v).map { self.name($0) }
    }

    /// Number of interned names (a size measure for status output).
    public var nameCount: Int { names.count }

    /// Every WHO allele name of the release, in byte order.
    public var whoAlleles: [String] {
        let f = columns[Column.flags.rawValue]
        return (0..<names.count).filter { Flags(rawValue: f[$0]).contains(.whoAllele) }.map { name(Int32($0)) }
    }
}

/// Lists of name ids, stored flat (owned when compiled from text, views of the mapped snapshot when loaded from
/// one). Invariant: `offsets.count == listCount + 1`, non-decreasing.
struct ListPool: Sendable {
    let offsets: FlatColumn<UInt32>
    let items: FlatColumn<Int32>
    /// The ids of one list, copied out of one contiguous buffer (a `Slice<FlatColumn>` copied to an array goes
    /// element by element through unspecialised witnesses: +26 M instructions in a 1M-unit search).
    func items(_ list: Int32) -> [Int32] {
        let lo = Int(offsets[Int(list)]), hi = Int(offsets[Int(list) + 1])
        return items.withUnsafeBufferPointer { Array($0[lo..<hi]) }
    }
}

/// The two layouts of `wmda/rel_dna_ser.txt`.
public enum RelDnaSerLayout: String, Sendable, Codable {
    /// Six fields: locus, allele, unambiguous, possible, assumed, expert (releases before 3.64.0).
    case sixField = "6-field (pre-3.64)"
    /// Seven fields: the six above plus the HATS specificity (3.64.0 and later).
    case sevenField = "7-field (3.64+)"
}
