import HLA

/// Compiles a haplotype frequency set read from a file (`HaplotypeSetSource`) against the installed release: every
/// value is translated through the reducer to its small g group (`SmallGGroups`) — renamed alleles followed, with a
/// warning; G groups, P groups and alleles become the group that holds them — and the set is checked. Refused, with every problem's line: a value that is not a name of the release
/// or stands for several groups, a haplotype without one of the five loci, a frequency that is not a number in
/// (0, 1], the same haplotype written twice, and frequencies that do not sum to 1 within `sumTolerance`.
/// Haplotypes that only the translation makes equal (two G groups of one small g group, a renamed allele) are
/// merged, their frequencies added, with a warning.
public struct HaplotypeSetBuilder: Sendable {
    /// How far the frequencies may sum from 1: 0.01. Published sets are rounded and sometimes cut below a smallest
    /// frequency, so their sums miss 1 by up to a few thousandths; a set further off is a different file (a
    /// count column, a percentage, a part of a set).
    public static let sumTolerance = 0.01

    /// The small g groups of the release values are translated to.
    public let groups: SmallGGroups

    /// A builder for the release of `groups`.
    ///
    /// - Parameter groups: The release's small g groups.
    public init(groups: SmallGGroups) { self.groups = groups }

    /// The compiled set and the warnings of its translation.
    public struct Result: Sendable {
        /// The compiled set.
        public let set: HaplotypeFrequencySet
        /// What was assumed on the way (renamed alleles, groups merged, another nomenclature version), by line.
        public let warnings: [HaplotypeSetProblem]
    }

    /// Translates and checks `source`.
    /// - Parameters:
    ///   - source: the records and metadata a reader produced.
    ///   - name: the set's name.
    ///   - populations: population codes the set is for; nil: those the file names.
    ///   - registries: registry codes the set is for; nil: those the file names.
    /// - Returns: the compiled set and the warnings.
    /// - Throws: `HaplotypeSetRejection` with every problem found (the first `InputLimits.reportedSetProblems`).
    public func build(_ source: HaplotypeSetSource, name: String, populations: [String]? = nil,
                      registries: [String]? = nil) throws(HaplotypeSetRejection) -> Result {
        var problems = HaplotypeSetProblems(file: source.file)
        var warnings: [HaplotypeSetProblem] = []
        let file = source.file
        let release = groups.release
        if source.records.isEmpty {
            problems.add(HaplotypeSetProblem(file: file, line: nil, field: "haplotype", reason: "the file holds no haplotypes"))
        }
        if source.records.count > InputLimits.haplotypesPerSet {
            problems.add(HaplotypeSetProblem(file: file, line: nil, field: "haplotype",
                                             reason: "\(source.records.count) haplotypes; a set may hold at most \(InputLimits.haplotypesPerSet)"))
        }
        try problems.throwIfAny()
        if let v = source.nomenclatureVersion, Self.normalisedVersion(v) != release {
            warnings.append(HaplotypeSetProblem(file: file, line: nil, field: "nomenclatureVersion",
                                                reason: "names are from IMGT/HLA \(InputExcerpt.of(Self.normalisedVersion(v))); translated to \(release)"))
        }

        var translated: [String: Translation] = [:]
        var localIDs = [[Int32: UInt32]](repeating: [:], count: HaplotypeFrequencySet.loci.count)
        var localNames = [[String]](repeating: [], count: HaplotypeFrequencySet.loci.count)
        var writtenLines: [[String]: Int] = [:]
        var merged: [[UInt32]: (index: Int, line: Int)] = [:]
        var haplotypeValues: [UInt32] = [], frequencies: [Double] = []
        var sum = 0.0
        for record in source.records {
            if problems.isFull { problems.markTruncated(); break }
            var ids: [UInt32] = [], written: [String] = [], ok = true
            for (l, locus) in HaplotypeFrequencySet.loci.enumerated() {
                guard let raw = record.values[locus] else {
                    problems.add(HaplotypeSetProblem(file: file, line: record.line, field: locus.rawValue,
                                                     reason: "the haplotype has no \(locus.rawValue) value (a set gives A, B, C, DRB1 and DQB1)"))
                    ok = false
                    continue
                }
                let key = "\(locus.rawValue)|\(raw)"
                let t = translated[key] ?? translate(raw, locus: locus)
                translated[key] = t
                switch t {
                case .failed(let reason):
                    problems.add(HaplotypeSetProblem(file: file, line: record.line, field: locus.rawValue, reason: reason))
                    ok = false
                case .group(let g, let normalised, let notes):
                    for note in notes { warnings.append(HaplotypeSetProblem(file: file, line: record.line, field: locus.rawValue, reason: note)) }
                    translated[key] = .group(g, normalised: normalised, warnings: [])     // warn once per value
                    written.append(normalised)
                    if let id = localIDs[l][g] {
                        ids.append(id)
                    } else {
                        let id = UInt32(localNames[l].count)
                        localIDs[l][g] = id
                        localNames[l].append(groups.name(ofGroup: g))
                        ids.append(id)
                    }
                }
            }
            let f = record.frequency
            if !(f.isFinite && f > 0 && f <= 1) {
                problems.add(HaplotypeSetProblem(file: file, line: record.line, field: "frequency",
                                                 reason: "\(f) is not a frequency (a number more than 0 and at most 1)"))
                ok = false
            } else {
                sum += f
            }
            if written.count == HaplotypeFrequencySet.loci.count {
                if let first = writtenLines[written] {
                    problems.add(HaplotypeSetProblem(file: file, line: record.line, field: "haplotype",
                                                     reason: "the same haplotype as line \(first) (each haplotype is given once)"))
                    ok = false
                } else {
                    writtenLines[written] = record.line
                }
            }
            guard ok else { continue }
            if let earlier = merged[ids] {
                frequencies[earlier.index] += f
                warnings.append(HaplotypeSetProblem(file: file, line: record.line, field: "haplotype",
                                                    reason: "in IMGT/HLA \(release) this is the haplotype of line \(earlier.line) "
                                                        + "(\(Self.joined(ids, localNames))); their frequencies are added"))
            } else {
                merged[ids] = (frequencies.count, record.line)
                haplotypeValues += ids
                frequencies.append(f)
            }
        }
        if problems.problems.isEmpty && abs(sum - 1) > Self.sumTolerance {
            problems.add(HaplotypeSetProblem(file: file, line: nil, field: "frequency",
                                             reason: "the frequencies sum to \(sum); a set sums to 1 (within \(Self.sumTolerance))"))
        }
        try problems.throwIfAny()
        let metadata = HaplotypeFrequencySet.Metadata(
            name: name, populations: populations ?? source.populations, registries: registries ?? source.registries, release: release,
            nomenclatureVersion: source.nomenclatureVersion.map(Self.normalisedVersion), sourceResolution: source.declaredResolution ?? "alleles",
            sourceFormat: source.format, frequencySum: sum)
        return Result(set: HaplotypeFrequencySet(metadata: metadata, values: localNames, haplotypeValues: haplotypeValues,
                                                 frequencies: frequencies),
                      warnings: warnings)
    }

    /// What one written value became.
    enum Translation {
        /// Its group, its written form normalised (for duplicate detection), and what to warn about.
        case group(Int32, normalised: String, warnings: [String])
        case failed(String)
    }

    /// Translates one written value of `locus` to its small g group through the reducer: the WHO alleles it names
    /// (its `W` reduction: a G or P group's members, an allele and the longer names under it; a small g name `…g`
    /// is read as the name before the `g`) must all be in one group.
    func translate(_ raw: String, locus: MatchLocus) -> Translation {
        let shown = InputExcerpt.of(raw)
        var v = Substring(raw.trimmingSpaces)
        if v.hasPrefix("HLA-") { v = v.dropFirst(4) }
        if v.isEmpty { return .failed("empty value") }
        if v.utf8.count > 40 { return .failed("'\(shown)' is too long to be an allele name or group") }
        if v.contains(where: { "+^|~/ ,;\t".contains($0) }) {
            return .failed("'\(shown)' is not one allele name or group")
        }
        var name = String(v)
        if let star = v.firstIndex(of: "*") {
            guard v[..<star] == locus.rawValue else { return .failed("'\(shown)' is not a value of locus \(locus.rawValue)") }
        } else {
            name = "\(locus.rawValue)*\(v)"
        }
        let smallG = name.hasSuffix("g")
        let expanded: Reduction
        do {
            expanded = try groups.reducer.reduce(smallG ? String(name.dropLast()) : name, to: .W)
        } catch {
            return .failed("\(error)")       // names the value (at most 40 bytes, checked above)
        }
        let found = groups.groups(ofAlleles: expanded.result.split(separator: "/").map(String.init))
        guard let g = found.first else {
            return .failed("'\(shown)' names no allele of A, B, C, DRB1 or DQB1 in IMGT/HLA \(groups.release)")
        }
        if found.count > 1 {
            let list = InputExcerpt.of(found.map { groups.name(ofGroup: $0) }.joined(separator: "/"))
            return .failed("'\(shown)' stands for several small g groups in IMGT/HLA \(groups.release) (\(list)): a set value is one group")
        }
        var notes = expanded.warnings
        let group = groups.name(ofGroup: g)
        if smallG && group != name { notes.append("\(InputExcerpt.of(name)) is the small g group \(group) in IMGT/HLA \(groups.release)") }
        return .group(g, normalised: name, warnings: notes)
    }

    /// `3480` (Atlas writes versions as numbers) as `3.48.0`; other forms as written.
    static func normalisedVersion(_ v: String) -> String {
        let digits = Array(v)
        guard digits.count == 4, digits.allSatisfy(\.isNumber) else { return v }
        let minor = Int(String(digits[1...2]))!
        return "\(digits[0]).\(minor).\(digits[3])"
    }

    private static func joined(_ ids: [UInt32], _ names: [[String]]) -> String {
        ids.enumerated().map { names[$0.offset][Int($0.element)] }.joined(separator: "~")
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return self[first...last]
    }
}
