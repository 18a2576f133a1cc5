import CordMatch

/// One validator's own flat copy of what it reads of a `UnitRecordLayout` for every record: column positions as
/// plain integers, and its own copies of the names, JSON keys and allowed codes.
///
/// The layout's classes, strings and arrays are shared by every validating thread; each use retains them, and
/// threads on different cores retaining the same objects make those objects' cache lines bounce between the cores
/// (it cost more than the validation itself). What a plan holds is retained by one thread only (and a class, so
/// that using it for a record is one retain, not one per array).
final class UnitRecordPlan {
    /// The layout this plan copies (compared by identity).
    let layout: UnitRecordLayout

    /// A locus's field 1 or 2: the positions of its DNA and SER columns, -1 when absent.
    struct Field {
        let dnaAt: Int, serAt: Int
    }

    /// One locus of a typing (every locus of `UnitCSVLayout.loci`, in that order).
    struct Locus {
        /// The locus's index in `MatchLocus.allCases`, -1 for a locus that is not scored.
        let scored: Int
        /// True at A, B and DRB1 (a unit's own typing needs a value there).
        let required: Bool
        let first: Field, second: Field
    }

    /// The unit's typing and the mother's.
    let typing, maternalTyping: [Locus]
    /// The other date and number columns: position, name and field.
    let otherDates: [(at: Int, name: String, field: DateField)]
    let otherNumbers: [(at: Int, name: String, field: NumericField)]
    /// The columns kept as JSON: position and the key's text (`JSONObjectText.key`) as bytes.
    let hlaFields, extra: [(at: Int, key: [UInt8])]
    /// The allowed codes of the coded columns (`UnitCSVLayout`).
    let statuses, statReasons, prodMods, abo, rhesus, ethnicities, sexes, yesNo: [String]

    init(_ layout: UnitRecordLayout) {
        self.layout = layout
        func loci(_ t: UnitRecordLayout.Typing) -> [Locus] {
            t.loci.map { l in
                let f = l.fields.map { Field(dnaAt: $0.dnaAt ?? -1, serAt: $0.serAt ?? -1) }
                return Locus(scored: l.scored ?? -1, required: l.required, first: f[0], second: f[1])
            }
        }
        typing = loci(layout.typing)
        maternalTyping = loci(layout.maternalTyping)
        otherDates = layout.otherDates.map { c in (c.at, Self.own(c.name), UnitCSVLayout.otherDates.first { $0.column == c.name }!.field) }
        otherNumbers = layout.otherNumbers.map { c in (c.at, Self.own(c.name), UnitCSVLayout.otherNumbers.first { $0.column == c.name }!.field) }
        hlaFields = layout.hlaFields.map { ($0.at, Array($0.jsonKey.utf8)) }
        extra = layout.extra.map { ($0.at, Array($0.jsonKey.utf8)) }
        let codes = [UnitCSVLayout.statuses, UnitCSVLayout.statReasons, UnitCSVLayout.prodMods, UnitCSVLayout.abo,
                     UnitCSVLayout.rhesus, UnitCSVLayout.ethnicities, UnitCSVLayout.sexes, UnitCSVLayout.yesNo].map { $0.map(Self.own) }
        (statuses, statReasons, prodMods, abo, rhesus, ethnicities, sexes, yesNo) = (codes[0], codes[1], codes[2], codes[3], codes[4], codes[5], codes[6], codes[7])
    }

    /// A copy of `s` in storage of its own (a copied `String` shares its storage, and with it the retains).
    static func own(_ s: String) -> String { String(decoding: Array(s.utf8), as: UTF8.self) }
}
