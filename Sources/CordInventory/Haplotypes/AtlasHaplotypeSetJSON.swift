import CordMatch
import HLA

/// Reads a haplotype frequency set in Anthony Nolan Atlas's HF-set JSON (its `Schemas/HFSetSchema.json`):
/// `nomenclatureVersion` (string or number, e.g. `3.58.0` or `3580`), `donPool` (registry codes or null), `ethn`
/// (population codes or null), `populationId`, an optional `typingCategory` (`small_g`/`SmallGGroup`,
/// `large_g`/`LargeGGroup`/`GGroup`, `PGroup`) and `frequencies`, an array of `{a, b, c, drb1, dqb1, frequency}` whose
/// values are written without the locus (`01:01:01G`, `01:01g`). Unknown keys are errors; every problem names its line.
enum AtlasHaplotypeSetJSON {
    static let format = "Atlas JSON"
    static let locusKeys: [(String, MatchLocus)] = [("a", .A), ("b", .B), ("c", .C), ("drb1", .DRB1), ("dqb1", .DQB1)]

    static func read(_ bytes: [UInt8], file: String) throws(HaplotypeSetRejection) -> HaplotypeSetSource {
        var problems = HaplotypeSetProblems(file: file)
        let root: LocatedJSON
        do { root = try LocatedJSON.parse(bytes) } catch {
            throw HaplotypeSetRejection(problems: [HaplotypeSetProblem(file: file, line: error.line, field: "JSON", reason: "not valid JSON: \(error.reason)")])
        }
        guard case .object(let members, _) = root else {
            throw HaplotypeSetRejection(problems: [HaplotypeSetProblem(file: file, line: root.line, field: "JSON",
                                                                       reason: "expected an object with nomenclatureVersion and frequencies, found \(root.kind)")])
        }
        var version: String?, populations: [String] = [], registries: [String] = [], populationID: Int?
        var category: String?, records: [HaplotypeSetSource.Record] = [], sawFrequencies = false
        for m in members {
            switch m.key {
            case "nomenclatureVersion":
                switch m.value {
                case .string(let s, _): version = s
                case .number(let text, _, _): version = text
                default: problems.add(m.value.line, m.key, "expected a version such as \"3.58.0\" or 3580, found \(m.value.kind)")
                }
            case "donPool": registries = codes(m, &problems)
            case "ethn": populations = codes(m, &problems)
            case "populationId":
                if case .number(let text, _, _) = m.value, let n = Int(text) { populationID = n }
                else if case .null = m.value {} else { problems.add(m.value.line, m.key, "expected a whole number, found \(m.value.kind)") }
            case "typingCategory":
                if case .string(let s, _) = m.value, let c = resolution(of: s) { category = c }
                else if case .null = m.value {} else {
                    problems.add(m.value.line, m.key, "expected small_g, large_g, SmallGGroup, LargeGGroup, GGroup or PGroup")
                }
            case "frequencies":
                sawFrequencies = true
                guard case .array(let entries, _) = m.value else {
                    problems.add(m.value.line, m.key, "expected an array of haplotypes, found \(m.value.kind)")
                    continue
                }
                if entries.count > InputLimits.haplotypesPerSet {
                    problems.add(m.value.line, m.key, "\(entries.count) haplotypes; a set may hold at most \(InputLimits.haplotypesPerSet)")
                    continue
                }
                for e in entries {
                    if problems.isFull { problems.markTruncated(); break }
                    if let r = record(e, &problems) { records.append(r) }
                }
            default:
                problems.add(m.keyLine, InputExcerpt.of(m.key),
                             "unknown key (expected nomenclatureVersion, donPool, ethn, populationId, typingCategory, frequencies)")
            }
        }
        if version == nil { problems.add(root.line, "nomenclatureVersion", "missing: the IPD-IMGT/HLA version the names are from") }
        if !sawFrequencies { problems.add(root.line, "frequencies", "missing: the haplotypes and their frequencies") }
        try problems.throwIfAny()
        return HaplotypeSetSource(file: file, format: format, nomenclatureVersion: version, populations: populations,
                                  registries: registries, populationID: populationID,
                                  declaredResolution: category ?? HaplotypeSetFile.resolution(ofValues: records), records: records)
    }

    /// What a `typingCategory` names.
    static func resolution(of category: String) -> String? {
        switch category.lowercased() {
        case "small_g", "smallggroup": "small g groups"
        case "large_g", "largeggroup", "ggroup": "G groups"
        case "pgroup": "P groups"
        default: nil
        }
    }

    /// Codes of `donPool`/`ethn`: strings or numbers; null entries (Atlas's "no ethnicity") are left out.
    private static func codes(_ m: LocatedJSON.Member, _ problems: inout HaplotypeSetProblems) -> [String] {
        switch m.value {
        case .null: return []
        case .array(let items, _):
            var out: [String] = []
            for item in items {
                switch item {
                case .string(let s, _) where HaplotypeSetFile.isCode(s): out.append(s)
                case .number(let text, _, _) where HaplotypeSetFile.isCode(text): out.append(text)
                case .null: continue
                default: problems.add(item.line, m.key, "expected a code of letters, digits, '-' or '_' (at most 32), found \(item.kind)")
                }
            }
            return out
        default:
            problems.add(m.value.line, m.key, "expected an array of codes or null, found \(m.value.kind)")
            return []
        }
    }

    private static func record(_ e: LocatedJSON, _ problems: inout HaplotypeSetProblems) -> HaplotypeSetSource.Record? {
        guard case .object(let members, _) = e else {
            problems.add(e.line, "frequencies", "expected a haplotype {a, b, c, drb1, dqb1, frequency}, found \(e.kind)")
            return nil
        }
        var values: [MatchLocus: String] = [:], frequency: Double?
        var ok = true
        for m in members {
            if let (_, locus) = locusKeys.first(where: { $0.0 == m.key.lowercased() }) {
                if case .string(let s, _) = m.value { values[locus] = s } else {
                    problems.add(m.value.line, locus.rawValue, "expected a name such as \"01:01:01G\", found \(m.value.kind)")
                    ok = false
                }
            } else if m.key == "frequency" {
                if case .number(let text, _, _) = m.value {
                    switch NumericField.haplotypeFrequency.read(text) {
                    case .success(let f): frequency = f
                    case .failure(let why):
                        problems.add(m.value.line, "frequency", why.reason)
                        ok = false
                    }
                } else {
                    problems.add(m.value.line, "frequency", "expected a number, found \(m.value.kind)")
                    ok = false
                }
            } else {
                problems.add(m.keyLine, InputExcerpt.of(m.key), "unknown key in a haplotype (expected a, b, c, drb1, dqb1, frequency)")
                ok = false
            }
        }
        for (key, locus) in locusKeys where values[locus] == nil && ok {
            problems.add(e.line, locus.rawValue, "the haplotype has no \"\(key)\"")
            ok = false
        }
        guard ok else { return nil }
        guard let frequency else {
            problems.add(e.line, "frequency", "the haplotype has no \"frequency\"")
            return nil
        }
        return HaplotypeSetSource.Record(line: e.line, values: values, frequency: frequency)
    }
}
