import CordMatch

/// Where the columns the unit rules read sit in a record — a CSV file's header order, or the element names of
/// one XML `<CBU>` — worked out once per header, so that rows are plain arrays of values read by position.
final class UnitRecordLayout: Sendable {
    /// The record's column names, in order.
    let columns: [String]
    let id, bank, status, statReason, tnc, cd34, volume, collectionDate, birthDate, productModification: Int?
    let abo, rhesus, ethnicity, attachedSegments, accredited, sex, hlaRelease, hlaGL, population: Int?
    /// The other date and number columns, checked and kept in `extra`, in the order their problems are reported.
    let otherDates, otherNumbers: [Column]
    /// The unit's typing and the mother's.
    let typing, maternalTyping: Typing
    /// The columns kept in `UnitRow.hlaFields` and `UnitRow.extra`, sorted by name (the JSON key order).
    let hlaFields, extra: [Column]

    /// A column the record has: its name and position, and its name as a JSON key (`JSONObjectText.key`).
    struct Column: Sendable {
        let name: String
        let at: Int
        let jsonKey: String

        init(name: String, at: Int) {
            self.name = name
            self.at = at
            jsonKey = JSONObjectText.key(name)
        }
    }

    /// The SER/DNA field columns of one typing, per locus of `UnitCSVLayout.loci`.
    struct Typing: Sendable {
        let prefix: String
        let loci: [Locus]
    }

    /// One locus's SER/DNA field columns (validators read their positions from a `UnitRecordPlan`, and the names
    /// from here for the problems they report).
    final class Locus: Sendable {
        let name: String
        /// Its place in `UnitCSVLayout.loci`.
        let number: Int
        /// The locus's index in `MatchLocus.allCases`, nil for a locus that is not scored.
        let scored: Int?
        /// `PREFIXHLA_LOCUS`, the column an issue about a missing value names.
        let column: String
        /// Field 1 and field 2.
        let fields: [Field]
        /// True at A, B and DRB1 (a unit's own typing needs a value there).
        let required: Bool

        init(name: String, number: Int, scored: Int?, column: String, fields: [Field], required: Bool) {
            (self.name, self.number, self.scored, self.column, self.fields, self.required) = (name, number, scored, column, fields, required)
        }
    }

    /// A locus's field 1 or 2: the DNA column and the SER column, by name and position (nil when absent).
    final class Field: Sendable {
        let dna: String, dnaAt: Int?, ser: String, serAt: Int?

        init(dna: String, dnaAt: Int?, ser: String, serAt: Int?) {
            (self.dna, self.dnaAt, self.ser, self.serAt) = (dna, dnaAt, ser, serAt)
        }
    }

    init(columns: [String]) {
        self.columns = columns
        var position: [String: Int] = [:]
        for (i, c) in columns.enumerated() where position[c] == nil { position[c] = i }
        func at(_ name: String) -> Int? { position[name] }
        (id, bank, status, statReason, tnc, cd34) = (at("ID"), at("BANK_MANUF_ID"), at("STATUS"), at("STAT_REASON"), at("TNC"), at("CD34PC"))
        (volume, collectionDate, birthDate, productModification) = (at("VOL"), at("COLL_DATE"), at("BIRTH_DATE"), at("PROD_MOD"))
        (abo, rhesus, ethnicity, attachedSegments) = (at("ABO"), at("RHESUS"), at("ETHN"), at("ATT_SEG"))
        (accredited, sex, hlaRelease, hlaGL) = (at("X_ACCREDITED"), at("SEX"), at("X_HLA_DB_VERSION"), at("X_HLA_GL"))
        population = at("POPULATION")
        func present(_ names: [String]) -> [Column] { names.compactMap { n in at(n).map { Column(name: n, at: $0) } } }
        otherDates = present(UnitCSVLayout.otherDates.map(\.column))
        otherNumbers = present(UnitCSVLayout.otherNumbers.map(\.column))
        func fields(_ prefix: String) -> Typing {
            Typing(prefix: prefix, loci: UnitCSVLayout.loci.enumerated().map { number, locus in
                let fields = [1, 2].map { n in
                    let dna = UnitCSVLayout.hlaColumn(locus, dna: true, field: n, prefix: prefix)
                    let ser = UnitCSVLayout.hlaColumn(locus, dna: false, field: n, prefix: prefix)
                    return Field(dna: dna, dnaAt: at(dna), ser: ser, serAt: at(ser))
                }
                return Locus(name: locus, number: number, scored: MatchLocus.allCases.firstIndex { $0.rawValue == locus }, column: "\(prefix)HLA_\(locus)", fields: fields,
                             required: ["A", "B", "DRB1"].contains(locus))
            })
        }
        typing = fields("")
        maternalTyping = fields("MAT_")
        let sorted = position.keys.sorted()
        hlaFields = present(sorted.filter { UnitCSVLayout.hlaFieldColumns.contains($0) })
        extra = present(sorted.filter { !UnitCSVLayout.storedColumns.contains($0) })
    }

    /// The layout of a record given as a map (an XML `<CBU>`, a scenario's inline row), and its values in that
    /// layout's order.
    static func of(_ values: [String: String]) -> (columns: [String], values: [String]) {
        let columns = values.keys.sorted()
        return (columns, columns.map { values[$0]! })
    }
}
