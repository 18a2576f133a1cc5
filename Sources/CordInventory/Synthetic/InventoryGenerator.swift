import CordMatch
import Foundation
import HLA

/// Makes realistic synthetic inventories in the unit CSV layout, deterministically from a seed: alleles drawn
/// from the release with skewed frequencies (low-numbered, common alleles far more often), ~30 % of units typed
/// only at antigen level (serology) at A and B, some XX codes, TNC and CD34 from log-normal distributions, the
/// usual mix of statuses and processing. For benchmarks and tests; no real donor is represented.
public struct InventoryGenerator: Sendable {
    /// Per locus, the 2-field names grouped by first field (groups and names in nomenclature order).
    let byLocus: [String: [[String]]]
    /// Serologic antigens the release recognises at A and B (a first field without one is typed by DNA).
    let antigens: Set<String>

    /// How a unit file writes each unit's typing; the same seed gives the same units either way.
    public enum Typings: String, Sendable, CaseIterable {
        /// The WMDA SER/DNA field columns (`HLA_A_DNA_FIELD1` …), as banks send them.
        case columns
        /// One `X_HLA_GL` column: the GL string the importer builds from those columns (DNA values as
        /// `A*02:01`, SER values as `A2`, a locus's two values joined by `+`, loci by `^`, untyped loci left out).
        case gl
    }

    /// The header of a unit file whose typings are written as `typings`.
    static func header(_ typings: Typings) -> String {
        let hla = typings == .gl ? "X_HLA_GL" : UnitCSVLayout.serAndDNALoci.flatMap { l in
            [true, false].flatMap { dna in [1, 2].map { UnitCSVLayout.hlaColumn(l, dna: dna, field: $0) } }
        }.joined(separator: ",")
        return "ID,BANK_MANUF_ID,STATUS,BIRTH_DATE,COLL_DATE,\(hla),TNC,CD34PC,VOL,PROD_MOD,ATT_SEG,ABO,X_ACCREDITED"
    }

    /// A generator of the alleles of `data` (expressed alleles at the loci the unit CSV layout types, and DPB1).
    ///
    /// - Parameter data: The release.
    public init(data: ReferenceData) {
        var m: [String: Set<String>] = [:]
        for a in data.whoAlleles where !a.hasSuffix("N") {
            guard let star = a.firstIndex(of: "*") else { continue }
            let locus = String(a[..<star])
            guard UnitCSVLayout.serAndDNALoci.contains(locus) || locus == "DPB1" else { continue }
            let two = AlleleNameFields.twoField(a)
            m[locus, default: []].insert(two)
        }
        byLocus = m.mapValues { names in
            var groups: [String: [String]] = [:]
            for n in HLAOrder.sorted(names.sorted()) { groups[AlleleNameFields.oneField(n), default: []].append(n) }
            return HLAOrder.sorted(groups.keys.sorted()).map { groups[$0]! }
        }
        antigens = Set((1...99).flatMap { ["A\($0)", "B\($0)"] }.filter(data.isSerologicAntigen))
    }

    /// A 2-field allele of `locus`: the first-field group skewed towards low numbers (mildly), the name within
    /// it strongly towards the first one (xx:01, the common allele of most groups).
    ///
    /// - Parameters:
    ///   - locus: A locus the generator knows (`A`, `B`, `C`, `DRB1`, `DQB1`, `DPB1`).
    ///   - rng: The random generator.
    /// - Returns: A 2-field allele name.
    public func allele(_ locus: String, _ rng: inout SplitMix64) -> String {
        let groups = byLocus[locus]!
        let group = groups[min(groups.count - 1, Int(Double(groups.count) * pow(rng.unit(), 2)))]
        return group[min(group.count - 1, Int(Double(group.count) * pow(rng.unit(), 12)))]
    }

    /// The serologic form of a 2-field allele at A or B (A*02:01 → 2), from its first field.
    static func serology(_ allele: String) -> String {
        let first = allele.split(separator: "*")[1].split(separator: ":")[0]
        return String(Int(first) ?? 0)
    }

    /// One CSV row for unit number `n`.
    ///
    /// - Parameters:
    ///   - n: The unit's number (its id is made from it).
    ///   - rng: The random generator.
    ///   - typings: How the row writes the unit's typing (the columns of `unitsCSV(count:seed:typings:)`'s header).
    /// - Returns: The row, without a line end.
    public func unitRow(_ n: Int, _ rng: inout SplitMix64, typings: Typings = .columns) -> String {
        var alleles: [String] = []
        return unitRow(n, &rng, alleles: &alleles, typings: typings)
    }

    /// One CSV row for unit number `n`; `alleles` receives the unit's true 2-field alleles (two per locus of
    /// `UnitCSVLayout.serAndDNALoci`), whatever resolution the row reports them at. The random draws do not depend
    /// on `typings`.
    func unitRow(_ n: Int, _ rng: inout SplitMix64, alleles: inout [String], typings: Typings = .columns) -> String {
        alleles.removeAll(keepingCapacity: true)
        let status = (rng.unit() < 0.9 ? CordUnit.Status.available : [.temporarilyUnavailable, .reserved, .deleted][Int(rng.next() % 3)]).rawValue
        let year = 2005 + Int(rng.next() % 21), month = 1 + Int(rng.next() % 12), day = 1 + Int(rng.next() % 28)
        let date = String(format: "%04d-%02d-%02d", year, month, day)
        let antigenLevel = rng.unit() < 0.3
        var fields = ["SYN\(String(format: "%07d", n))", "BANK\(1 + n % 7)", status, date, date]
        var gl: [String] = []
        for locus in UnitCSVLayout.serAndDNALoci {
            let a = allele(locus, &rng), b = allele(locus, &rng)
            alleles += [a, b]
            // DNA field 1, DNA field 2, SER field 1, SER field 2.
            let columns: [String]
            if antigenLevel && (locus == "A" || locus == "B") && antigens.contains(locus + Self.serology(a))
                && antigens.contains(locus + Self.serology(b)) {
                columns = ["", "", Self.serology(a), Self.serology(b)]
            } else if antigenLevel && locus == "C" {
                columns = ["", "", "", ""]       // serology-era units were rarely typed at C
            } else if rng.unit() < 0.1 {
                columns = [a.split(separator: "*")[1].split(separator: ":")[0] + ":XX", String(b.split(separator: "*")[1]), "", ""]
            } else {
                columns = [String(a.split(separator: "*")[1]), String(b.split(separator: "*")[1]), "", ""]
            }
            switch typings {
            case .columns: fields += columns
            case .gl:
                let values = (0..<2).compactMap { k in
                    !columns[k].isEmpty ? HLAFieldValues.dnaToken(columns[k], locus: locus)
                        : !columns[2 + k].isEmpty ? HLAFieldValues.serologyToken(columns[2 + k], locus: locus) : nil
                }
                if !values.isEmpty { gl.append(values.joined(separator: "+")) }
            }
        }
        if typings == .gl { fields.append(gl.joined(separator: "^")) }
        // TNC ~ log-normal around 1.1E9; CD34 ~ 0.3 % of TNC; 10 % without CD34.
        let tnc = exp(log(1.1e9) + 0.45 * normal(&rng))
        let cd34 = rng.unit() < 0.1 ? "" : String(format: "%.3E", tnc * 0.003 * exp(0.5 * normal(&rng)))
        fields += [String(format: "%.3E", tnc), cd34, String(Int(60 + rng.next() % 90)),
                   rng.unit() < 0.85 ? "RBR" : ["PRR", "NOT", "PLR"][Int(rng.next() % 3)],
                   String(rng.next() % 4), ["O", "A", "B", "AB"][[0, 0, 0, 0, 1, 1, 1, 2, 2, 3][Int(rng.next() % 10)]],
                   rng.unit() < 0.9 ? "Y" : "N"]
        return fields.joined(separator: ",")
    }

    /// A whole unit file.
    ///
    /// - Parameters:
    ///   - count: How many units.
    ///   - seed: The seed (the same seed gives the same units).
    ///   - typings: How each unit's typing is written: SER/DNA columns, or one `X_HLA_GL` string.
    /// - Returns: The CSV text, header first, each line ended by a line feed.
    public func unitsCSV(count: Int, seed: UInt64, typings: Typings = .columns) -> String {
        var rng = SplitMix64(seed: seed)
        var lines = [Self.header(typings)]
        lines.reserveCapacity(count + 1)
        for n in 0..<count { lines.append(unitRow(n, &rng, typings: typings)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A recipient typing (allele level) as a GL string.
    ///
    /// - Parameter rng: The random generator.
    /// - Returns: Two alleles at each of the layout's loci.
    public func recipientGL(_ rng: inout SplitMix64) -> String {
        UnitCSVLayout.serAndDNALoci.map { l in "\(allele(l, &rng))+\(allele(l, &rng))" }.joined(separator: "^")
    }

    /// A recipients file.
    ///
    /// - Parameters:
    ///   - count: How many recipients.
    ///   - seed: The seed.
    /// - Returns: The CSV text: weight 5–84 kg, 70 % malignant, an allele-level typing, active.
    public func recipientsCSV(count: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        var lines = ["ID,WEIGHT_KG,DISEASE,HLA,DSA,ABO,POLICY,ACTIVE"]
        for n in 0..<count {
            let weight = 5 + Int(rng.next() % 80)
            lines.append("R\(String(format: "%06d", n)),\(weight),\(rng.unit() < 0.7 ? "malignant" : "non-malignant"),\(recipientGL(&rng)),,,,Y")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Recipients that resemble units of the inventory `unitsCSV(count: unitCount, seed: unitSeed)` makes: each
    /// takes the true alleles of a randomly chosen unit and changes none, one or two of them (40/40/20 %), so
    /// searches find the spread of 6/8–8/8 candidates a real registry shows. Weight, disease as `recipientsCSV`.
    ///
    /// - Parameters:
    ///   - count: How many recipients.
    ///   - seed: The seed of the recipients.
    ///   - unitCount: The unit count of the inventory to resemble.
    ///   - unitSeed: The seed of that inventory.
    /// - Returns: The CSV text.
    public func recipientsLikeUnitsCSV(count: Int, seed: UInt64, unitCount: Int, unitSeed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        var picks: [Int: [Int]] = [:]
        for r in 0..<count { picks[Int(rng.next() % UInt64(max(1, unitCount))), default: []].append(r) }
        var typings = [[String]](repeating: [], count: count)
        var unitRNG = SplitMix64(seed: unitSeed)
        var alleles: [String] = []
        for n in 0..<unitCount {
            _ = unitRow(n, &unitRNG, alleles: &alleles)
            for r in picks[n] ?? [] { typings[r] = alleles }
        }
        var lines = ["ID,WEIGHT_KG,DISEASE,HLA,DSA,ABO,POLICY,ACTIVE"]
        let loci = UnitCSVLayout.serAndDNALoci
        for r in 0..<count {
            var t = typings[r]
            let changes = [0, 0, 1, 1, 2][Int(rng.next() % 5)]
            for _ in 0..<changes {
                let i = Int(rng.next() % UInt64(t.count))
                t[i] = allele(loci[i / 2], &rng)
            }
            let gl = loci.indices.map { "\(t[2 * $0])+\(t[2 * $0 + 1])" }.joined(separator: "^")
            let weight = 5 + Int(rng.next() % 80)
            lines.append("R\(String(format: "%06d", r)),\(weight),\(rng.unit() < 0.7 ? "malignant" : "non-malignant"),\(gl),,,,Y")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func normal(_ rng: inout SplitMix64) -> Double {
        // Box–Muller.
        let u1 = max(rng.unit(), 1e-12), u2 = rng.unit()
        return sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
    }
}
