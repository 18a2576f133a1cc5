import CordSupport
import HLA

/// Resolves typings (GL strings) against a reference release into `HLATyping`: each value is expanded to the WHO
/// alleles it may be, and those alleles' P keys, antigen keys, expression and DPB1 TCE groups are collected.
/// Done once per typing (at import), so that scoring a pair never parses.
public struct TypingResolver: Sendable {
    /// The IPD-IMGT/HLA release typings are resolved against.
    public let data: ReferenceData
    /// The DPB1 T-cell-epitope table, or nil (TCE assessments are then `unknown`).
    public let tce: DPB1TCETable?
    let expander: Expander
    /// Resolved values by locus and text, shared by copies of this resolver (an inventory repeats values a lot).
    /// At most `positionMemoCapacity` entries, each of a text of at most `memoisedTextBytes` bytes.
    let memo = Memo<String, PositionTyping>(capacity: TypingResolver.positionMemoCapacity)
    /// What each name stands for (`TokenFacts`), by name without `HLA-`: bounded by the names of the release
    /// (and of the MAC table, hence the capacity).
    let tokenMemo = Memo<String, TokenFacts>(capacity: TypingResolver.tokenMemoCapacity)
    /// Names what a resolution depends on: the release, the MAC table and the TCE table. Two resolvers with the
    /// same digest resolve every text alike.
    public let configurationDigest: UInt64

    /// The most resolved values memoised (an inventory of a million units has a few thousand distinct values).
    static let positionMemoCapacity = 1 << 16
    /// The longest value text memoised: longer ones (long ambiguity lists) are resolved again from the memoised
    /// facts of their names, which is cheap, rather than held.
    static let memoisedTextBytes = 1024
    /// The most names whose facts are memoised: every name of a release fits (about 100,000).
    static let tokenMemoCapacity = 1 << 18

    /// Makes a resolver.
    ///
    /// - Parameters:
    ///   - data: The release.
    ///   - macs: The NMDP MAC table; without one a MAC is refused.
    ///   - tce: The DPB1 TCE table.
    public init(_ data: ReferenceData, macs: MACTable? = nil, tce: DPB1TCETable? = nil) {
        self.data = data
        self.tce = tce
        self.expander = Expander(data, macs: macs)
        configurationDigest = FNV1a.fourLanes("\(data.version)|\(macs?.digest ?? 0)|\(tce?.digest ?? 0)")
    }

    /// Takes `value` as the resolution of its written text at `locus`, without computing it — for values that a
    /// resolver with the same `configurationDigest` resolved (those of a stored search index).
    ///
    /// - Parameters:
    ///   - value: A resolved value (texts longer than the memo's limit are not kept).
    ///   - locus: Its locus.
    public func remember(_ value: PositionTyping, locus: MatchLocus) {
        guard value.written.utf8.count <= Self.memoisedTextBytes else { return }
        let key = "\(locus.rawValue)|\(value.written)"
        if memo[key] == nil { memo[key] = value }
    }

    /// Resolves a whole typing written as a GL string, e.g. `A*02:01+A*24:02^B44+B8^DRB1*15:XX+DRB1*03:01`.
    /// A locus given with one value is homozygous; genotype alternatives (`|`) widen each position to the union
    /// of the alternatives; phased alleles (`~`) are split by locus. The typing is read by the rules of
    /// `TypingStructure` and `InputLimits`, every name is checked against the release (also at loci outside
    /// matching), and a refused typing throws `HLAParseError` or `TypingError` saying what, where and why.
    ///
    /// - Parameter gl: The typing.
    /// - Returns: The resolved typing.
    /// - Throws: `HLAParseError` when the text is not a GL string (or is longer than `InputLimits.typingBytes`);
    ///   `TypingError` when its structure breaks a rule of `TypingStructure`, a position has too many alternatives
    ///   or stands for too many alleles, or a name is not in the release (or is a MAC without a MAC table).
    public func resolve(_ gl: String) throws -> HLATyping { try read(gl, keepingReading: false).typing }

    /// A typing that `resolve` accepts, with what it was read as.
    public struct Validated: Sendable {
        /// The resolved typing.
        public let typing: HLATyping
        /// The GL string as read: renamed alleles replaced by their new names.
        public let reading: GLString
        /// What was assumed on the way (a renamed allele replaced).
        public let warnings: [String]
    }

    /// Checks a typing exactly as `resolve` does (the same function: it throws exactly when `resolve` throws),
    /// and says what it was read as — `cordmatch hla validate`.
    ///
    /// - Parameter gl: The typing.
    /// - Returns: The resolved typing, the GL string as read, and the warnings.
    /// - Throws: As `resolve(_:)`.
    public func validate(_ gl: String) throws -> Validated {
        let r = try read(gl, keepingReading: true)
        return Validated(typing: r.typing, reading: r.reading!, warnings: r.warnings)
    }

    /// The one reading of a typing: parse (byte limit), structure (`TypingStructure`), names and expansion
    /// limits (per position), resolution.
    private func read(_ gl: String, keepingReading: Bool) throws -> (typing: HLATyping, reading: GLString?, warnings: [String]) {
        let parsed = try GLString.parse(gl)
        let structure = try TypingStructure.read(parsed, typing: gl)
        var loci: [MatchLocus: LocusTyping] = [:]
        for (locus, both) in structure.positions.sorted(by: { $0.key < $1.key }) {
            loci[locus] = LocusTyping(try resolvePosition(both[0], locus: locus, in: gl, position: 1),
                                      try resolvePosition(both[1], locus: locus, in: gl, position: 2))
        }
        for token in structure.otherTokens where token.kind != .new { _ = try facts(of: token, locus: nil, in: gl) }
        let typing = HLATyping(loci: loci, otherLoci: structure.otherLoci, source: gl, release: data.version)
        guard keepingReading else { return (typing, nil, []) }
        var warnings: [String] = []
        let reading = try parsed.mapEntries { entry in
            let token = entry.token
            guard token.kind != .new else { return entry }
            let f = try facts(of: token, locus: MatchLocus(rawValue: TypingStructure.locusName(token)), in: gl)
            for w in f.warnings where !warnings.contains(w) { warnings.append(w) }
            return GLString.Entry(token: f.checked.withHLAPrefix(token.hasHLAPrefix), locusWasInherited: entry.locusWasInherited)
        }
        return (typing, reading, warnings)
    }

    /// Resolves one value of `locus` written as text (`A*02:01`, `A*02:01/A*02:02`, `A2`): from the memo when seen
    /// before, without parsing.
    ///
    /// - Parameters:
    ///   - text: One value (alternatives separated by `/`).
    ///   - locus: The locus it belongs to.
    /// - Returns: The resolved value.
    /// - Throws: `HLAParseError` when the text is not a GL string; `TypingError` when a name is of another locus,
    ///   not in the release, or the value exceeds the limits of a position.
    public func resolveValue(_ text: String, locus: MatchLocus) throws -> PositionTyping {
        if let hit = memo["\(locus.rawValue)|\(text)"] { return hit }
        let tokens = try GLString.parse(text).tokens
        guard tokens.allSatisfy({ TypingStructure.locusName($0) == locus.rawValue }) else {
            throw TypingError(typing: text, reason: "not a value of locus \(locus.rawValue)")
        }
        return try resolvePosition(tokens, locus: locus, in: text)
    }

    /// Resolves one value written as one or more alternatives (an allele list).
    ///
    /// - Parameters:
    ///   - tokens: The alternatives (none: untyped).
    ///   - locus: Their locus.
    ///   - typing: The text they come from, quoted in errors.
    /// - Returns: The resolved value.
    /// - Throws: `TypingError` when there are more than `InputLimits.alternativesPerPosition` alternatives, they
    ///   stand for more than `InputLimits.allelesPerPosition` alleles, or a name is not in the release.
    public func resolvePosition(_ tokens: [TypingToken], locus: MatchLocus, in typing: String) throws -> PositionTyping {
        try resolvePosition(tokens, locus: locus, in: typing, position: nil)
    }

    /// `resolvePosition`, naming the position (1 or 2) in errors when it is one of a typing's. The limits are
    /// checked before anything is combined: the number of alternatives first, then the alleles they stand for,
    /// summed alternative by alternative (each name's facts are memoised, so a name is expanded once).
    func resolvePosition(_ tokens: [TypingToken], locus: MatchLocus, in typing: String, position: Int?) throws -> PositionTyping {
        guard !tokens.isEmpty else { return .untyped }
        guard tokens.count <= InputLimits.alternativesPerPosition else {
            throw TypingError(typing: typing, reason: TypingLimits.tooManyAlternatives(tokens.count, position: position, locus: locus.rawValue))
        }
        let written = tokens.map(\.description).joined(separator: "/")
        let memoised = written.utf8.count <= Self.memoisedTextBytes
        let key = memoised ? "\(locus.rawValue)|\(written)" : ""
        if memoised, let hit = memo[key] { return hit }
        let resolved = try computePosition(tokens, written: written, locus: locus, in: typing, position: position)
        if memoised { memo[key] = resolved }
        return resolved
    }

    private func computePosition(_ tokens: [TypingToken], written: String, locus: MatchLocus, in typing: String,
                                 position: Int?) throws -> PositionTyping {
        // The distinct alternatives' facts, the alleles they stand for counted as written.
        var distinct: [TokenFacts] = []
        var index: [String: Int] = [:]
        var alleles = 0
        for token in tokens where token.kind != .new {
            let name = token.name
            if let i = index[name] {
                alleles += distinct[i].alleleCount
            } else {
                let f = try facts(of: token, named: name, locus: locus, in: typing)
                index[name] = distinct.count
                distinct.append(f)
                alleles += f.alleleCount
            }
            guard alleles <= InputLimits.allelesPerPosition else {
                throw TypingError(typing: typing, reason: TypingLimits.tooManyAlleles(position: position, locus: locus.rawValue))
            }
        }
        // A new allele not yet named: nothing is known of the value (its other alternatives are checked all the same).
        if tokens.contains(where: { $0.kind == .new }) {
            return PositionTyping(written: written, resolution: .untyped, pKeys: [], antigens: [], gKey: -1, protein: -1,
                                  cdna: -1, isNull: false, tceGroup: 0)
        }
        let resolution: PositionTyping.Resolution
        if tokens.allSatisfy({ if case .serology = $0.kind { return true }; if case .firstField = $0.kind { return true }; return false }) {
            resolution = .antigen
        } else if tokens.count == 1, case .allele = tokens[0].kind {
            resolution = .allele
        } else {
            resolution = .ambiguous
        }
        let expressed = distinct.filter(\.hasExpressed)
        func single(_ k: KeyPath<TokenFacts, Int32>) -> Int32 {
            guard let first = expressed.first?[keyPath: k], first >= 0, expressed.allSatisfy({ $0[keyPath: k] == first }) else { return -1 }
            return first
        }
        var tceGroup: UInt8 = 0
        if locus == .DPB1, tce != nil, !expressed.isEmpty {
            let groups = Self.union(expressed.map(\.tceGroups))
            if groups.count == 1 { tceGroup = groups[0] }
        }
        return PositionTyping(written: written, resolution: resolution, pKeys: Self.union(expressed.map(\.pKeys)),
                              antigens: Self.union(distinct.map(\.antigens)), gKey: single(\.gKey), protein: single(\.protein),
                              cdna: single(\.cdna), isNull: expressed.isEmpty && distinct.contains { $0.alleleCount > 0 },
                              mayBeNull: distinct.contains(where: \.isWhollyNull) && !expressed.isEmpty, tceGroup: tceGroup)
    }

    /// The facts of one token (checked against the release; expanded at a scored locus), memoised by name.
    private func facts(of token: TypingToken, named key: String? = nil, locus: MatchLocus?, in typing: String) throws -> TokenFacts {
        let key = key ?? token.name
        if let hit = tokenMemo[key] { return hit }
        let f: TokenFacts
        do {
            if let locus {
                f = try TokenFacts(token, locus: locus, data: data, expander: expander, tce: tce)
            } else {
                f = try TokenFacts(outsideMatching: token, expander: expander)
            }
        } catch {
            throw TypingError(typing: typing, reason: "\(error)")
        }
        tokenMemo[key] = f
        return f
    }

    /// The sorted union of sorted, unique arrays.
    static func union<T: Comparable & Hashable>(_ parts: [[T]]) -> [T] {
        switch parts.count {
        case 0: return []
        case 1: return parts[0]
        default:
            var all: [T] = []
            all.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for p in parts { all += p }
            all.sort()
            var out: [T] = []
            out.reserveCapacity(all.count)
            for x in all where out.last != x { out.append(x) }
            return out
        }
    }
}

/// A typing that cannot be resolved, with the reason.
public struct TypingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The whole typing as given.
    public let typing: String
    /// What is wrong, and where in the typing.
    public let reason: String
    /// `typing '<typing>': <reason>`, the typing quoted through `InputExcerpt`.
    public var description: String { "typing '\(InputExcerpt.of(typing))': \(reason)" }
}
