import CordMatch

/// The unit CSV layout: column names are WMDA inventory element paths below `<CBU>` with `/` → `_`
/// (`docs/FORMATS.md`), plus our `X_` extensions.
enum UnitCSVLayout {
    static let serAndDNALoci = ["A", "B", "C", "DRB1", "DQB1"]
    static let dnaOnlyLoci = ["DRB3", "DRB4", "DRB5", "DQA1", "DPA1", "DPB1"]
    /// Loci in GL order.
    static let loci = ["A", "B", "C", "DRB1", "DRB3", "DRB4", "DRB5", "DQA1", "DQB1", "DPA1", "DPB1"]

    static let required = ["ID", "BIRTH_DATE", "STATUS"]

    static let plainColumns = [
        "ID", "GRID", "ATTR", "LOCAL_ID", "BAG_ID", "BANK_MANUF_ID", "BANK_DISTRIB_ID", "BIRTH_DATE", "SEX", "ABO", "RHESUS",
        "ETHN", "CCR5", "STATUS", "STAT_END_DATE", "STAT_REASON", "RSV_PAT", "COLL_DATE", "PROC_DATE", "PROC_METH",
        "PROC_METH_TYPE", "FREEZE_DATE", "FREEZE_METH", "PROD_MOD", "BAG_TYPE", "BAGS", "BACT_CULT", "FUNG_CULT",
        "HEMO_STATUS", "VOL", "VOL_FRZN", "TNC", "TNC_FRZN", "RED_BC_FRZN", "MNC_FRZN", "CD34PC", "CD34PC_FRZN", "CFU_FRZN",
        "VIABILITY", "VIABILITY_DATE", "VIABILITY_CELLS", "VIABILITY_METHOD", "ATT_SEG", "DNA_SMPL", "OTH_SMPL",
        "CT_COMPLETE_DATE", "CT_SMPL_TYPE", "AL_RED_BC", "AL_SER", "SER_QUANT", "AL_PLA", "PLA_QUANT", "MAT_ID", "MAT_ID_BANK",
        "X_HLA_GL", "X_HLA_DB_VERSION", "X_BANK_MANUF_ID_SCHEME", "X_ACCREDITED", "POPULATION",
    ]

    /// The name of `locus`'s DNA (else SER) column for field 1 or 2; `prefix` `MAT_` for the mother's.
    static func hlaColumn(_ locus: String, dna: Bool, field: Int, prefix: String = "") -> String {
        "\(prefix)HLA_\(locus)_\(dna ? "DNA" : "SER")_FIELD\(field)"
    }

    static func hlaColumns(prefix: String) -> [String] {
        serAndDNALoci.flatMap { l in [false, true].flatMap { dna in [1, 2].map { hlaColumn(l, dna: dna, field: $0, prefix: prefix) } } }
            + dnaOnlyLoci.flatMap { l in [1, 2].map { hlaColumn(l, dna: true, field: $0, prefix: prefix) } }
    }

    /// The serologic name prefix of each locus with SER columns: a SER value `7` at C is `Cw7`.
    static let serologyPrefixes = ["A": "A", "B": "B", "C": "Cw", "DRB1": "DR", "DQB1": "DQ"]

    /// The columns kept verbatim (as JSON) in `UnitRow.hlaFields`: the unit's own SER/DNA fields and `X_HLA_GL`.
    static let hlaFieldColumns: Set<String> = Set(hlaColumns(prefix: "") + ["X_HLA_GL"])

    /// The columns stored in their own `UnitRow` properties (or as the typings); every other non-empty column
    /// goes to `UnitRow.extra`.
    static let storedColumns: Set<String> = Set(["ID", "BANK_MANUF_ID", "STATUS", "STAT_REASON", "TNC", "CD34PC", "VOL", "COLL_DATE",
                                                 "BIRTH_DATE", "PROD_MOD", "ABO", "RHESUS", "ETHN", "ATT_SEG", "X_ACCREDITED",
                                                 "POPULATION"])
        .union(hlaFieldColumns).union(hlaColumns(prefix: "MAT_"))

    /// Every column the importer knows; `IDM_*` and `MAT_IDM_*` columns are kept as opaque values.
    static let known: Set<String> = Set(plainColumns + hlaColumns(prefix: "") + hlaColumns(prefix: "MAT_"))

    static func isKnown(_ column: String) -> Bool {
        known.contains(column) || column.hasPrefix("IDM_") || column.hasPrefix("MAT_IDM_") || column.hasPrefix("KIR")
    }

    /// The date columns besides `BIRTH_DATE` and `COLL_DATE`, checked (and kept in `extra`), with their fields.
    static let otherDates: [(column: String, field: DateField)] = [
        ("STAT_END_DATE", .statusEnd), ("PROC_DATE", .unitEvent), ("FREEZE_DATE", .unitEvent), ("CT_COMPLETE_DATE", .unitEvent),
        ("VIABILITY_DATE", .unitEvent),
    ]

    /// The number columns besides `TNC`, `CD34PC`, `VOL` and `ATT_SEG`, checked (and kept in `extra`), with their fields.
    static let otherNumbers: [(column: String, field: NumericField)] = [
        ("VOL_FRZN", .unitVolume), ("TNC_FRZN", .unitTNC), ("CD34PC_FRZN", .unitCD34), ("CFU_FRZN", .unitCFU),
        ("MNC_FRZN", .unitCellCount), ("RED_BC_FRZN", .unitCellCount), ("VIABILITY", .unitViability),
    ]

    static let statuses = CordUnit.Status.allCases.map(\.rawValue)
    static let statReasons = ["QR", "AD", "CD", "DS", "XP", "MR", "MO", "OT", "UK", "NS"]
    static let prodMods = ["BCE", "DNE", "PLR", "PRR", "RBR", "NOT", "OTH"]
    static let abo = ["A", "B", "O", "AB"]
    static let rhesus = ["P", "N", "+", "-"]
    static let ethnicities = ["AFNA", "AFSS", "ASSW", "ASSO", "ASCE", "ASSE", "ASNE", "ASOC", "CAEU", "CAER", "CANA", "CAAU",
                              "HICA", "HISA", "MX", "OT", "UK"]
    static let sexes = ["F", "M"]
    static let yesNo = ["Y", "N"]
}
