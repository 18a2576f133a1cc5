/// Compiles the text files of a release into `ReferenceData`, deriving every table the way py-ard 2.4.2 derives
/// it (so that reductions agree): G/P/lgx/exon maps from `hla_nom_g.txt` and `hla_nom_p.txt`, the valid-name set,
/// XX codes, WHO expansion groups, short nulls, serology ↔ allele maps and broad/split relations.
/// Decisions where py-ard's rules are not obvious are written down in `docs/HLA-NOMENCLATURE.md`.
struct ReferenceDataBuilder {
    let folder: ReleaseFolder

    func build() throws -> ReferenceData {
        let version = try folder.version()
        var t = Tables()
        try readAlleles(into: &t)
        try readGroups(into: &t)
        deriveAlleleTables(into: &t)
        try readDeleted(into: &t)
        try readStatus(into: &t)
        try readSerologyRelations(into: &t)
        let (layout, rows) = try readRelDnaSer(into: &t)
        // Serology maps need lgx reductions, which need the tables above: compile once without serology,
        // reduce with the real reducer, then compile the final release.
        let provisional = t.freeze(version: version, layout: layout)
        try deriveSerology(rows: rows, reducer: Reducer(provisional), into: &t)
        // Then every single name's reduction at every level, by the same reducer, stored with the release.
        let data = t.freeze(version: version, layout: layout)
        return data.withAnswers(Reducer(data).precomputedAnswers())
    }

    // MARK: - Files

    private func readAlleles(into t: inout Tables) throws {
        let file = "Allelelist.txt"
        for (n, line) in dataLines(try folder.read(file)) {
            if line.hasPrefix("AlleleID") { continue }
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count >= 2, f[1].contains("*") else {
                throw ReferenceDataError.malformed(file: folder.path(file), line: n, reason: "expected 'AlleleID,Allele'")
            }
            t.alleles.append(String(f[1]))
        }
        if t.alleles.isEmpty { throw ReferenceDataError.malformed(file: folder.path(file), line: 0, reason: "no alleles") }
    }

    private func readGroups(into t: inout Tables) throws {
        for (file, isG) in [("wmda/hla_nom_g.txt", true), ("wmda/hla_nom_p.txt", false)] {
            for (n, line) in dataLines(try folder.read(file)) {
                let f = line.split(separator: ";", omittingEmptySubsequences: false)
                guard f.count >= 3, f[0].hasSuffix("*") else {
                    throw ReferenceDataError.malformed(file: folder.path(file), line: n, reason: "expected 'Locus*;alleles;group'")
                }
                guard !f[1].isEmpty, !f[2].isEmpty else { continue }   // an allele in no group
                let locus = String(f[0])
                let members = f[1].split(separator: "/").map { locus + $0 }
                // py-ard names a G group after its first member, not the file's name column (C*02:02 vs C*02:10).
                let group = locus + (isG ? AlleleNameFields.gGroupName(firstMember: String(f[1].split(separator: "/")[0])) : String(f[2]))
                for a in members {
                    let row = GroupRow(allele: a, group: group, twoField: AlleleNameFields.twoField(a),
                                       threeField: AlleleNameFields.threeField(a), lgx: AlleleNameFields.twoField(group))
                    if isG { t.gRows.append(row) } else { t.pRows.append(row) }
                }
            }
        }
    }

    private func deriveAlleleTables(into t: inout Tables) {
        // Maps keyed by 2-field, 3-field and full names; on a clash the later pass wins (full names last).
        func keyed(_ rows: [GroupRow], _ value: (GroupRow) -> String) -> [String: String] {
            var d: [String: String] = [:]
            for r in rows { d[r.twoField] = value(r) }
            for r in rows { d[r.threeField] = value(r) }
            for r in rows { d[r.allele] = value(r) }
            return d
        }
        t.gGroup = keyed(t.gRows) { $0.group }
        t.pGroup = keyed(t.pRows) { $0.group }
        t.lgx = keyed(t.gRows) { $0.lgx }
        for r in t.gRows { t.exon[r.allele] = r.threeField }

        // 2-field names in more than one G group reduce to the list of groups; in more than one lgx group, to
        // the lowest-numbered one.
        var gsOf: [String: Set<String>] = [:], lgxOf: [String: Set<String>] = [:]
        for r in t.gRows { gsOf[r.twoField, default: []].insert(r.group); lgxOf[r.twoField, default: []].insert(r.lgx) }
        for (k, gs) in gsOf where gs.count > 1 { t.duplicateG[k] = HLAOrder.sorted(gs.sorted()) }
        for (k, ls) in lgxOf where ls.count > 1 { t.lgx[k] = HLAOrder.sorted(ls.sorted())[0] }

        // 2-field names that have a P group but no G group: py-ard's "ping" maps their members straight to lgx.
        let gTwo = Set(t.gRows.map(\.twoField))
        for r in t.pRows where !gTwo.contains(r.twoField) { t.pNotG[r.allele] = r.lgx }
        t.pNotGValues = Set(t.pNotG.values)

        // Valid names: WHO names, their 2- and 3-field forms, and 2-field names with an expression suffix when
        // every suffixed longer allele of that 2-field name carries the same suffix.
        var suffixesOf: [String: Set<Character>] = [:]
        for a in t.alleles {
            t.valid.insert(a)
            t.valid.insert(AlleleNameFields.twoField(a))
            t.valid.insert(AlleleNameFields.threeField(a))
            if let c = a.last, AlleleNameFields.expressionSuffixes.contains(c), AlleleNameFields.fieldCount(a) > 2 {
                suffixesOf[AlleleNameFields.twoField(a), default: []].insert(c)
            }
        }
        for (two, s) in suffixesOf where s.count == 1 { t.valid.insert(two + String(s.first!)) }

        // XX codes: first field → the 2-field names under it; a DNA broad also covers its splits.
        var xx: [String: Set<String>] = [:]
        for a in t.alleles { xx[AlleleNameFields.oneField(a), default: []].insert(AlleleNameFields.twoField(a)) }
        for (broad, splits) in SerologyFacts.dnaBroadSplits {
            for s in splits { if let names = xx[s] { xx[broad, default: []].formUnion(names) } }
        }
        t.xxCodes = xx.mapValues { HLAOrder.sorted($0.sorted()) }

        // WHO expansion: any 1/2/3-field form, G or P group name → the names it stands for.
        var who: [String: Set<String>] = [:]
        for a in t.alleles {
            who[AlleleNameFields.oneField(a), default: []].insert(a)
            who[AlleleNameFields.twoField(a), default: []].insert(a)
            who[AlleleNameFields.threeField(a), default: []].insert(a)
        }
        for (k, g) in t.gGroup { who[g, default: []].insert(k) }
        for (k, p) in t.pGroup { who[p, default: []].insert(k) }
        t.whoGroup = who.mapValues { HLAOrder.sorted($0.sorted()) }

        // Short nulls: `A*01:01N` stands for the N alleles under A*01:01 (likewise Q, L, S).
        var shortNulls: [String: [String]] = [:]
        for (key, members) in t.whoGroup {
            guard let last = key.last, !AlleleNameFields.expressionSuffixes.contains(last), last != "G", last != "P",
                  key.contains(":") else { continue }
            for m in members {
                if let c = m.last, AlleleNameFields.expressionSuffixes.contains(c) { shortNulls[key + String(c), default: []].append(m) }
            }
        }
        t.shortNulls = shortNulls.mapValues { HLAOrder.sorted($0) }
    }

    private func readDeleted(into t: inout Tables) throws {
        let file = "wmda/hla_nom.txt"
        for (n, line) in dataLines(try folder.read(file)) {
            let f = line.split(separator: ";", omittingEmptySubsequences: false)
            guard f.count >= 6 else {
                throw ReferenceDataError.malformed(file: folder.path(file), line: n, reason: "expected 6 ';'-separated fields")
            }
            guard !f[3].isEmpty, f[0].hasSuffix("*") else { continue }
            let name = String(f[0]) + f[1]
            let replacement = f[4].isEmpty ? nil : String(f[0]) + f[4]
            t.deleted[name] = (replacement, String(f[5]))
        }
    }

    private func readStatus(into t: inout Tables) throws {
        let file = "Allele_status.txt"
        for (_, line) in dataLines(try folder.read(file)) {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            if f.count >= 7, f[6] == "Partial" { t.partial.insert(String(f[0])) }
        }
    }

    private func readSerologyRelations(into t: inout Tables) throws {
        let file = "wmda/rel_ser_ser.txt"
        for (n, line) in dataLines(try folder.read(file)) {
            let f = line.split(separator: ";", omittingEmptySubsequences: false)
            guard f.count >= 4 else {
                throw ReferenceDataError.malformed(file: folder.path(file), line: n, reason: "expected 'Locus;antigen;splits;associated'")
            }
            let locus = String(f[0]), antigen = locus + f[1]
            if !f[2].isEmpty { t.splits[antigen] = f[2].split(separator: "/").map { locus + $0 } }
            if !f[3].isEmpty { for a in f[3].split(separator: "/") { t.associatedWith[locus + a] = antigen } }
        }
    }

    private func readRelDnaSer(into t: inout Tables) throws -> (RelDnaSerLayout, [RelDnaSerRow]) {
        let file = "wmda/rel_dna_ser.txt"
        var layout: RelDnaSerLayout?
        var rows: [RelDnaSerRow] = []
        for (n, line) in dataLines(try folder.read(file)) {
            let f = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            let this: RelDnaSerLayout
            switch f.count {
            case 6: this = .sixField
            case 7: this = .sevenField
            default:
                throw ReferenceDataError.malformed(file: folder.path(file), line: n,
                                                   reason: "expected 6 fields (pre-3.64 layout) or 7 (3.64+ layout), found \(f.count)")
            }
            if let l = layout, l != this {
                throw ReferenceDataError.malformed(file: folder.path(file), line: n, reason: "mixes the 6- and 7-field layouts")
            }
            layout = this
            rows.append(RelDnaSerRow(locus: f[0], allele: f[0] + f[1], unambiguous: f[2], possible: f[3], assumed: f[4]))
        }
        guard let layout else { throw ReferenceDataError.malformed(file: folder.path(file), line: 0, reason: "no data lines") }
        for r in rows {
            if r.unambiguous == "0" { t.notExpressed.insert(r.allele) }
            if r.unambiguous == "?" { t.noSerology.insert(r.allele) }
        }
        return (layout, rows)
    }

    private func deriveSerology(rows: [RelDnaSerRow], reducer: Reducer, into t: inout Tables) throws {
        var alleles: [String: Set<String>] = [:], lgx: [String: Set<String>] = [:]
        for r in rows {
            var antigens: [String] = []
            if !r.unambiguous.isEmpty, r.unambiguous != "0", r.unambiguous != "?" { antigens.append(r.unambiguous) }
            for field in [r.possible, r.assumed] where !field.isEmpty {
                antigens += field.split(separator: "/").map(String.init).filter { $0 != "0" && $0 != "?" }
            }
            let names = antigens.map { SerologyFacts.serologicName(dnaLocus: r.locus, number: $0) }
            t.antigenKeys[r.allele] = names.isEmpty ? [] : Array(Set(names.map { t.associatedWith[$0] ?? $0 })).sorted()
            guard !antigens.isEmpty else { continue }
            let reduced = (try? reducer.reduceAllele(r.allele, .lgx)) ?? r.allele
            for a in antigens {
                let s = SerologyFacts.serologicName(dnaLocus: r.locus, number: a)
                alleles[s, default: []].insert(r.allele)
                lgx[s, default: []].insert(reduced)
            }
        }
        // A broad antigen stands for its own alleles and those of its splits.
        for (broad, splits) in t.splits {
            for s in splits where alleles[s] != nil {
                alleles[broad, default: []].formUnion(alleles[s]!)
                lgx[broad, default: []].formUnion(lgx[s]!)
            }
        }
        var relgxOf: [String: String] = [:]
        for (s, set) in alleles {
            t.serologyAlleles[s] = HLAOrder.sorted(set.sorted())
            t.serologyLgx[s] = HLAOrder.sorted(lgx[s]!.sorted())
            t.serologyRelgx[s] = lgx[s]!.sorted().map { name in
                if let r = relgxOf[name] { return r }
                let r = (try? reducer.reduceName(name, .lgx)) ?? ""
                relgxOf[name] = r
                return r
            }.flatMap { $0.split(separator: "/").map(String.init) }
            t.serologyXX[s] = SerologyFacts.xxCode(for: s, associatedWith: { t.associatedWith[$0] })
        }
        for (locus, antigens) in SerologyFacts.recognised {
            for a in antigens where t.serologyXX[a] == nil && alleles[a] == nil {
                t.serologyXX[a] = SerologyFacts.xxCode(for: a, associatedWith: { t.associatedWith[$0] }, dnaLocus: locus)
            }
        }
        t.serologyNames = Set(alleles.keys).union(SerologyFacts.recognised.flatMap(\.antigens))
        // Alleles without an assigned antigen match at antigen level through their first field (A*02 → A2).
        for a in t.alleles where (t.antigenKeys[a] ?? []).isEmpty && !a.hasSuffix("N") {
            let locus = String(a[..<a.firstIndex(of: "*")!])
            let first = AlleleNameFields.oneField(a).dropFirst(locus.count + 1)
            if let n = Int(first) { t.antigenKeys[a] = [SerologyFacts.serologicName(dnaLocus: locus, number: String(n))] }
        }
    }
}

struct GroupRow {
    let allele: String, group: String, twoField: String, threeField: String, lgx: String
}

struct RelDnaSerRow {
    let locus: String, allele: String, unambiguous: String, possible: String, assumed: String
}
