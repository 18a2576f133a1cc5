/// Serologic facts that the IMGT/HLA files do not carry but py-ard applies, kept here as data so that our
/// reductions agree with it. Each table is a published nomenclature relation (WHO serologic broad/split
/// antigens, Marsh et al.), not a computation.
enum SerologyFacts {
    /// DNA first fields of broad antigens and the first fields of their splits; XX codes of a broad expand to
    /// the splits' alleles too (`A*09:XX` = every `A*23` and `A*24` allele).
    static let dnaBroadSplits: [(broad: String, splits: [String])] = [
        ("A*09", ["A*23", "A*24"]), ("A*10", ["A*25", "A*26", "A*34", "A*66"]),
        ("A*19", ["A*29", "A*30", "A*31", "A*32", "A*33", "A*74"]), ("A*28", ["A*68", "A*69"]),
        ("B*05", ["B*51", "B*52"]), ("B*12", ["B*44", "B*45"]), ("B*16", ["B*38", "B*39"]),
        ("B*17", ["B*57", "B*58"]), ("B*21", ["B*49", "B*50"]), ("B*22", ["B*54", "B*55", "B*56"]),
        ("C*10", ["C*03", "C*04"]), ("DQB1*01", ["DQB1*05", "DQB1*06"]),
        ("DRB1*02", ["DRB1*15", "DRB1*16"]), ("DRB1*06", ["DRB1*13", "DRB1*14"]),
    ]

    /// Serologic antigens whose XX code is not derived from their number.
    static let xxExceptions: [String: String] = [
        "A203": "A*02:XX", "A210": "A*02:XX", "B60": "B*40:XX", "B61": "B*40:XX", "B64": "B*14:XX",
        "B65": "B*14:XX", "B62": "B*15:XX", "B63": "B*15:XX", "B70": "B*15:XX", "B75": "B*15:XX",
        "B76": "B*15:XX", "B77": "B*15:XX", "B71": "B*15:XX", "B72": "B*15:XX", "B703": "B*07:XX",
        "DR17": "DRB1*03:XX", "DR18": "DRB1*03:XX", "DR103": "DRB1*01:XX", "DQ7": "DQB1*03:XX",
        "DQ8": "DQB1*03:XX", "DQ9": "DQB1*03:XX",
    ]

    /// Serologic locus prefix → DNA locus for XX codes.
    static let serologyLocusToDNA: [String: String] = [
        "Bw": "B", "Cw": "C", "Dw": "D", "DR": "DRB1", "DQ": "DQB1", "DPw": "DPB1",
    ]

    /// The WHO-recognised serologic antigens per DNA locus (valid even when no allele maps to them).
    static let recognised: [(locus: String, antigens: [String])] = [
        ("A", ["A1", "A2", "A203", "A210", "A3", "A9", "A10", "A11", "A19", "A23", "A24", "A2403", "A25", "A26", "A28",
               "A29", "A30", "A31", "A32", "A33", "A34", "A36", "A43", "A66", "A68", "A69", "A74", "A80"]),
        ("B", ["B5", "B7", "B703", "B8", "B12", "B13", "B14", "B15", "B16", "B17", "B18", "B21", "B22", "B27", "B2708",
               "B35", "B37", "B38", "B39", "B3901", "B3902", "B40", "B4005", "B41", "B42", "B44", "B45", "B46", "B47",
               "B48", "B49", "B50", "B51", "B5102", "B5103", "B52", "B53", "B54", "B55", "B56", "B57", "B58", "B59",
               "B60", "B61", "B62", "B63", "B64", "B65", "B67", "B70", "B71", "B72", "B73", "B75", "B76", "B77", "B78",
               "B81", "B82", "Bw4", "Bw6"]),
        ("C", ["Cw1", "Cw2", "Cw3", "Cw4", "Cw5", "Cw6", "Cw7", "Cw8", "Cw9", "Cw10"]),
        ("D", (1...26).map { "Dw\($0)" }),
        ("DRB1", ["DR1", "DR103", "DR2", "DR3", "DR4", "DR5", "DR6", "DR7", "DR8", "DR9", "DR10", "DR11", "DR12",
                  "DR13", "DR14", "DR1403", "DR1404", "DR15", "DR16", "DR17", "DR18", "DR51", "DR52", "DR53"]),
        ("DQB1", ["DQ1", "DQ2", "DQ3", "DQ4", "DQ5", "DQ6", "DQ7", "DQ8", "DQ9"]),
        ("DPB1", ["DPw1", "DPw2", "DPw3", "DPw4", "DPw5", "DPw6"]),
    ]

    /// The serologic name of a DNA locus + antigen number (`A*` + `1` → `A1`, `C*` → `Cw`, `DRB1*` → `DR`).
    static func serologicName(dnaLocus: String, number: String) -> String {
        let locus = dnaLocus.hasSuffix("*") ? String(dnaLocus.dropLast()) : dnaLocus
        var prefix = String(locus.prefix(2))
        if prefix == "C" { prefix = "Cw" }
        return prefix + number
    }

    /// The XX code a serologic antigen corresponds to (`A2` → `A*02:XX`, `DR4` → `DRB1*04:XX`).
    static func xxCode(for antigen: String, associatedWith: (String) -> String?, dnaLocus: String? = nil) -> String? {
        if let x = xxExceptions[antigen] { return x }
        let base = associatedWith(antigen) ?? antigen
        let letters = base.prefix { !$0.isNumber }
        let digits = base.dropFirst(letters.count).prefix { $0.isNumber }
        guard !letters.isEmpty, let n = Int(digits) else { return nil }
        let locus = dnaLocus ?? serologyLocusToDNA[String(letters)] ?? String(letters)
        let group = n < 10 ? (n < 0 ? "\(n)" : "0\(n)") : String(digits)
        return "\(locus)*\(group):XX"
    }
}
