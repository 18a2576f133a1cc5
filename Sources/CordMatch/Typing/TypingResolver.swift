import HLA

/// Resolves typings (GL strings) against a reference release into `HLATyping`: each value is expanded to the WHO
/// alleles it may be, and those alleles' P keys, antigen keys, expression and DPB1 TCE groups are collected.
/// Done once per typing (at import), so that scoring a pair never parses.
public struct TypingResolver: Sendable {
    public let data: ReferenceData
    public let tce: DPB1TCETable?
    let expander: Expander
    /// Resolved values by locus and text, shared by copies of this resolver (an inventory repeats values a lot).
    let memo = Memo<String, PositionTyping>()
    /// Names what a resolution depends on: the release, the MAC table and the TCE table. Two resolvers with the
    /// same digest resolve every text alike.
    public let configurationDigest: UInt64

    public init(_ data: ReferenceData, macs: MACTable? = nil, tce: DPB1TCETable? = nil) {
        self.data = data
        self.tce = tce
        self.expander = Expander(data, macs: macs)
        configurationDigest = FNV1a.fourLanes("\(data.version)|\(macs?.digest ?? 0)|\(tce?.digest ?? 0)")
    }

    /// Takes `value` as the resolution of its written text at `locus`, without computing it — for values that a
    /// resolver with the same `configurationDigest` resolved (those of a stored search index).
    public func remember(_ value: PositionTyping, locus: MatchLocus) {
        let key = "\(locus.rawValue)|\(value.written)"
        if memo[key] == nil { memo[key] = value }
    }

    /// Resolves a whole typing written as a GL string, e.g. `A*02:01+A*24:02^B44+B8^DRB1*15:XX+DRB1*03:01`.
    /// A locus given with one value is homozygous; genotype alternatives (`|`) widen each position to the union
    /// of the alternatives; phased alleles (`~`) are split by locus.
    public func resolve(_ gl: String) throws -> HLATyping {
        let parsed = try GLString.parse(gl)
        var tokens: [MatchLocus: [[TypingToken]]] = [:]
        var seen: [MatchLocus: Int] = [:]
        var other: [String: [String]] = [:]
        for genotypeList in parsed.loci {
            var listLoci: [MatchLocus: [[TypingToken]]] = [:]
            for genotype in genotypeList {
                guard genotype.count <= 2 else {
                    throw TypingError(typing: gl, reason: "a genotype has at most two haplotypes ('+' once), found \(genotype.count)")
                }
                for (h, haplotype) in genotype.enumerated() {
                    for list in haplotype {
                        let entries = list.map(\.token)
                        let loci = Set(entries.map(Self.locusName))
                        guard loci.count == 1, let name = loci.first else {
                            throw TypingError(typing: gl, reason: "an allele list mixes loci (\(loci.sorted().joined(separator: ", ")))")
                        }
                        guard let locus = MatchLocus(rawValue: name) else {
                            other[name, default: []].append(entries.map(\.description).joined(separator: "/"))
                            continue
                        }
                        var positions = listLoci[locus] ?? [[], []]
                        positions[h] += entries
                        listLoci[locus] = positions
                    }
                }
            }
            for (locus, positions) in listLoci {
                guard seen[locus] == nil else { throw TypingError(typing: gl, reason: "locus \(locus.rawValue) is given twice") }
                seen[locus] = 1
                tokens[locus] = positions[1].isEmpty ? [positions[0], positions[0]] : positions
            }
        }
        var loci: [MatchLocus: LocusTyping] = [:]
        for (locus, positions) in tokens {
            loci[locus] = LocusTyping(try resolvePosition(positions[0], locus: locus, in: gl),
                                      try resolvePosition(positions[1], locus: locus, in: gl))
        }
        return HLATyping(loci: loci, otherLoci: other.mapValues { $0.joined(separator: "+") }, source: gl, release: data.version)
    }

    /// Resolves one value of `locus` written as text (`A*02:01`, `A*02:01/A*02:02`, `A2`): from the memo when seen
    /// before, without parsing.
    public func resolveValue(_ text: String, locus: MatchLocus) throws -> PositionTyping {
        if let hit = memo["\(locus.rawValue)|\(text)"] { return hit }
        let tokens = try GLString.parse(text).tokens
        guard tokens.allSatisfy({ Self.locusName($0) == locus.rawValue }) else {
            throw TypingError(typing: text, reason: "not a value of locus \(locus.rawValue)")
        }
        return try resolvePosition(tokens, locus: locus, in: text)
    }

    /// Resolves one value written as one or more alternatives (an allele list).
    public func resolvePosition(_ tokens: [TypingToken], locus: MatchLocus, in typing: String) throws -> PositionTyping {
        guard !tokens.isEmpty else { return .untyped }
        let written = tokens.map(\.description).joined(separator: "/")
        let key = "\(locus.rawValue)|\(written)"
        if let hit = memo[key] { return hit }
        let resolved = try computePosition(tokens, written: written, locus: locus, in: typing)
        memo[key] = resolved
        return resolved
    }

    private func computePosition(_ tokens: [TypingToken], written: String, locus: MatchLocus, in typing: String) throws -> PositionTyping {
        if tokens.contains(where: { $0.kind == .new }) {
            return PositionTyping(written: written, resolution: .untyped, pKeys: [], antigens: [], gKey: -1, protein: -1,
                                  cdna: -1, isNull: false, tceGroup: 0)
        }
        var facts: [AlleleFacts] = []
        var antigens = Set<Int32>()
        var nullAlternative = false
        for token in tokens {
            let alleles: [AlleleFacts]
            do {
                alleles = try expander.alleles(of: token).compactMap { data.alleleFacts($0) }
            } catch {
                throw TypingError(typing: typing, reason: "\(error)")
            }
            facts += alleles
            if !alleles.isEmpty && alleles.allSatisfy({ !$0.expressed }) { nullAlternative = true }
            if case .serology = token.kind {
                // A serologic typing observed the antigen itself: that (and a broad's splits) is what it carries.
                for a in [token.name] + data.splits(of: token.name) { if let k = data.antigenKey(a) { antigens.insert(k) } }
            } else {
                for f in alleles where f.expressed { antigens.formUnion(f.antigens) }
            }
        }
        let expressed = facts.filter(\.expressed)
        let resolution: PositionTyping.Resolution
        if tokens.allSatisfy({ if case .serology = $0.kind { return true }; if case .firstField = $0.kind { return true }; return false }) {
            resolution = .antigen
        } else if tokens.count == 1, case .allele = tokens[0].kind {
            resolution = .allele
        } else {
            resolution = .ambiguous
        }
        func single(_ k: KeyPath<AlleleFacts, Int32>) -> Int32 {
            guard let first = expressed.first?[keyPath: k], expressed.allSatisfy({ $0[keyPath: k] == first }) else { return -1 }
            return first
        }
        var tceGroup: UInt8 = 0
        if locus == .DPB1, let tce, !expressed.isEmpty {
            let groups = Set(expressed.map { tce.group(of: data.name(ofID: $0.id)) })
            if groups.count == 1, let g = groups.first { tceGroup = g }
        }
        return PositionTyping(written: written, resolution: resolution, pKeys: Array(Set(expressed.map(\.pKey))).sorted(),
                              antigens: antigens.sorted(), gKey: single(\.gKey), protein: single(\.protein), cdna: single(\.cdna),
                              isNull: expressed.isEmpty && !facts.isEmpty,
                              mayBeNull: nullAlternative && !expressed.isEmpty, tceGroup: tceGroup)
    }

    /// The locus name of a token: its molecular locus, or the DNA locus of a serologic antigen.
    static func locusName(_ t: TypingToken) -> String {
        if let l = t.locus { return l }
        if case .serology(let p, let n) = t.kind { return MatchLocus.ofSerology(prefix: p, number: n)?.rawValue ?? "\(p)\(n)" }
        return "NEW"
    }
}

/// A typing that cannot be resolved, with the reason.
public struct TypingError: Error, CustomStringConvertible, Equatable, Sendable {
    public let typing: String
    public let reason: String
    public var description: String { "typing '\(typing)': \(reason)" }
}
