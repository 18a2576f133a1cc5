import CordSupport

/// The reference tables while they are being derived (string-keyed, mutable); `freeze` interns every name and
/// turns each table into a column of `ReferenceData`.
struct Tables {
    var alleles: [String] = []
    var gRows: [GroupRow] = []
    var pRows: [GroupRow] = []
    var gGroup: [String: String] = [:]
    var duplicateG: [String: [String]] = [:]
    var pGroup: [String: String] = [:]
    var lgx: [String: String] = [:]
    var exon: [String: String] = [:]
    var pNotG: [String: String] = [:]
    var pNotGValues: Set<String> = []
    var valid: Set<String> = []
    var xxCodes: [String: [String]] = [:]
    var whoGroup: [String: [String]] = [:]
    var shortNulls: [String: [String]] = [:]
    var deleted: [String: (replacement: String?, reason: String)] = [:]
    var partial: Set<String> = []
    var notExpressed: Set<String> = []
    var noSerology: Set<String> = []
    var splits: [String: [String]] = [:]
    var associatedWith: [String: String] = [:]
    var serologyNames: Set<String> = []
    var serologyAlleles: [String: [String]] = [:]
    var serologyLgx: [String: [String]] = [:]
    var serologyXX: [String: String] = [:]
    /// Per allele, the antigens it matches at antigen level: its rel_dna_ser assignments with associated antigens
    /// folded into their parent, or its first-field antigen when none is assigned.
    var antigenKeys: [String: [String]] = [:]
    /// Per antigen, its lgx list reduced to lgx once more (py-ard's serology fallback compares against it).
    var serologyRelgx: [String: [String]] = [:]

    func freeze(version: String, layout: RelDnaSerLayout) -> ReferenceData {
        var all = Set<String>()
        all.formUnion(alleles); all.formUnion(valid)
        for d in [gGroup, pGroup, lgx, exon, pNotG, serologyXX] { all.formUnion(d.keys); all.formUnion(d.values) }
        for d in [duplicateG, xxCodes, whoGroup, shortNulls, splits, serologyAlleles, serologyLgx, serologyRelgx, antigenKeys] {
            all.formUnion(d.keys); for v in d.values { all.formUnion(v) }
        }
        for (k, v) in deleted { all.insert(k); all.insert(v.reason); if let r = v.replacement { all.insert(r) } }
        all.formUnion(associatedWith.keys); all.formUnion(associatedWith.values)
        all.formUnion(serologyNames)
        let sortedNames = all.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let table = NameTable(sortedUniqueNames: sortedNames)
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(sortedNames.count)
        for (i, n) in sortedNames.enumerated() { ids[n] = Int32(i) }

        let n = sortedNames.count
        var columns = [[Int32]](repeating: [Int32](repeating: -1, count: n), count: ReferenceData.Column.allCases.count)
        columns[ReferenceData.Column.flags.rawValue] = [Int32](repeating: 0, count: n)
        var listOffsets: [UInt32] = [0]
        var listItems: [Int32] = []

        func setFlag(_ name: String, _ f: ReferenceData.Flags) {
            columns[ReferenceData.Column.flags.rawValue][Int(ids[name]!)] |= f.rawValue
        }
        func setName(_ c: ReferenceData.Column, _ d: [String: String]) {
            for (k, v) in d { columns[c.rawValue][Int(ids[k]!)] = ids[v]! }
        }
        func setList(_ c: ReferenceData.Column, _ d: [String: [String]]) {
            for (k, v) in d {
                columns[c.rawValue][Int(ids[k]!)] = Int32(listOffsets.count - 1)
                listItems.append(contentsOf: v.map { ids[$0]! })
                listOffsets.append(UInt32(listItems.count))
            }
        }

        for a in alleles { setFlag(a, .whoAllele) }
        for a in valid { setFlag(a, .validAllele) }
        for g in Set(gGroup.values) { setFlag(g, .gGroupName) }
        for p in Set(pGroup.values) { setFlag(p, .pGroupName) }
        for s in serologyNames { setFlag(s, .serology) }
        for k in xxCodes.keys { setFlag(k, .xxKey) }
        for v in pNotGValues { setFlag(v, .pNotGTarget) }
        for k in deleted.keys { setFlag(k, .deleted) }
        for a in partial where ids[a] != nil { setFlag(a, .partialSequence) }
        for a in notExpressed where ids[a] != nil { setFlag(a, .notExpressed) }
        for a in noSerology where ids[a] != nil { setFlag(a, .noSerologyAssigned) }

        setName(.gGroup, gGroup); setName(.pGroup, pGroup); setName(.lgx, lgx); setName(.exon, exon)
        setName(.pNotG, pNotG); setName(.serologyXX, serologyXX); setName(.associatedWith, associatedWith)
        setList(.duplicateG, duplicateG); setList(.xxCodes, xxCodes); setList(.whoGroup, whoGroup)
        setList(.shortNulls, shortNulls); setList(.splits, splits); setList(.antigenKeys, antigenKeys)
        var associatedAntigens: [String: [String]] = [:]
        for (variant, base) in associatedWith { associatedAntigens[base, default: []].append(variant) }
        setList(.associatedAntigens, associatedAntigens.mapValues { $0.sorted() })
        setList(.serologyAlleles, serologyAlleles); setList(.serologyLgxAlleles, serologyLgx)
        for (k, v) in deleted {
            if let r = v.replacement { columns[ReferenceData.Column.replacement.rawValue][Int(ids[k]!)] = ids[r]! }
            columns[ReferenceData.Column.deletionReason.rawValue][Int(ids[k]!)] = ids[v.reason]!
        }
        // Inverted serology indexes: allele → antigens listing it (for the S reduction).
        var ofAllele: [String: [String]] = [:], ofLgx: [String: [String]] = [:]
        for (s, list) in serologyAlleles { for a in list { ofAllele[a, default: []].append(s) } }
        for (s, list) in serologyLgx { for a in list { ofLgx[a, default: []].append(s) } }
        setList(.serologiesOfAllele, ofAllele.mapValues { $0.sorted() })
        setList(.serologiesOfLgx, ofLgx.mapValues { $0.sorted() })
        var ofRelgx: [String: [String]] = [:]
        for (s, list) in serologyRelgx { for a in Set(list) { ofRelgx[a, default: []].append(s) } }
        setList(.serologiesOfRelgx, ofRelgx.mapValues { $0.sorted() })

        return ReferenceData(version: version, relDnaSerLayout: layout, names: table, columns: columns.map(FlatColumn.init),
                             lists: ListPool(offsets: FlatColumn(listOffsets), items: FlatColumn(listItems)))
    }
}
