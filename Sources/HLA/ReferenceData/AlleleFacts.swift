import CordSupport

/// What matching needs to know about one WHO allele, as ids into the release's name table (compare ids, not
/// strings). Built by `ReferenceData.alleleFacts(_:)`.
public struct AlleleFacts: Sendable, Hashable {
    /// The allele's own name.
    public let id: Int32
    /// Its P group; for an expressed allele in no P group, its 2-field name (unique protein).
    public let pKey: Int32
    /// Its G group, or its own name when in none.
    public let gKey: Int32
    /// Its 2-field name (protein).
    public let protein: Int32
    /// Its 3-field name (cDNA).
    public let cdna: Int32
    /// Serologic antigens it matches at antigen level (see `ReferenceData.antigenKey`).
    public let antigens: [Int32]
    /// False for null (N) alleles, which are not expressed.
    public let expressed: Bool
}

extension ReferenceData {
    /// Facts about a WHO allele name, or nil when the release does not name it.
    ///
    /// - Parameter name: A full WHO allele name (`A*02:01:01:01`).
    /// - Returns: Its facts, or nil when `name` is not a WHO allele of the release.
    public func alleleFacts(_ name: String) -> AlleleFacts? {
        guard let id = id(name), flags(id).contains(.whoAllele) else { return nil }
        let expressed = !name.hasSuffix("N")
        let two = AlleleNameFields.twoField(name), three = AlleleNameFields.threeField(name)
        let col = { (c: Column) in self.columns[c.rawValue][Int(id)] }
        let protein = self.id(two) ?? id, cdna = self.id(three) ?? id
        let p = col(.pGroup)
        let g = col(.gGroup)
        let antigenList = col(.antigenKeys)
        return AlleleFacts(id: id, pKey: p >= 0 ? p : protein, gKey: g >= 0 ? g : id, protein: protein, cdna: cdna,
                           antigens: antigenList >= 0 ? lists.items(antigenList) : [], expressed: expressed)
    }

    /// The id of an interned name (allele, group or antigen), for comparing with `AlleleFacts`.
    ///
    /// - Parameter name: A name as written in the release.
    /// - Returns: Its id, or nil when the release does not intern it.
    public func nameID(_ name: String) -> Int32? { id(name) }

    /// The name behind an id from `AlleleFacts` or `antigenKey`.
    ///
    /// - Parameter id: An id this release gave out.
    /// - Returns: The name with that id.
    public func name(ofID id: Int32) -> String { name(id) }

    /// The antigen-level key of a serologic antigen: associated antigens fold into their parent (B703 → B7).
    ///
    /// - Parameter antigen: A serologic antigen name (`B703`).
    /// - Returns: The id of the antigen or of its parent, or nil when the release does not know the antigen.
    public func antigenKey(_ antigen: String) -> Int32? {
        guard let id = id(antigen) else { return nil }
        let parent = columns[Column.associatedWith.rawValue][Int(id)]
        return parent >= 0 ? parent : id
    }

    /// True when `name` is a serologic antigen the release recognises (`A2`, `Cw7`, `DR15`).
    ///
    /// - Parameter name: Any name.
    /// - Returns: Whether the release lists it as a serologic antigen.
    public func isSerologicAntigen(_ name: String) -> Bool { has(name, .serology) }

    /// The splits of a broad antigen (A9 → A23, A24), empty for others.
    ///
    /// - Parameter antigen: A serologic antigen name.
    /// - Returns: Its splits in the release's order.
    public func splits(of antigen: String) -> [String] { list(.splits, of: antigen) ?? [] }
}

extension Expander {
    /// The WHO allele names one token stands for (XX, MAC, serology with splits and associated antigens,
    /// G/P group, or a shorter name), after validation. A first-field typing (`A*02`) stands for the alleles of
    /// its XX code, as antigen-level DNA typings do in matching.
    ///
    /// - Parameter token: One parsed name.
    /// - Returns: The WHO allele names, in py-ard order; empty when a serologic antigen has no allele assigned.
    /// - Throws: `NomenclatureError` when the token is not in the release (see `checkedForMatching(_:_:)`);
    ///   `ReductionError` when it cannot be expanded.
    public func alleles(of token: TypingToken) throws -> [String] {
        var warnings: [String] = []
        return try alleles(ofChecked: checkedForMatching(token, &warnings))
    }

    /// `token` checked against the release as matching reads it: a first-field typing (`A*02`) must have an XX
    /// code (and is returned as written); a renamed allele is returned as its new name, with a warning; any other
    /// name must pass `Validator.check`.
    ///
    /// - Parameters:
    ///   - token: One parsed name.
    ///   - warnings: Gets a sentence appended when a renamed allele is replaced.
    /// - Returns: The token as matching keeps it.
    /// - Throws: `NomenclatureError` when the token (or, for a first-field typing, its XX code) is not in the
    ///   release.
    public func checkedForMatching(_ token: TypingToken, _ warnings: inout [String]) throws -> TypingToken {
        let validator = Validator(reducer.data, macs: reducer.macs)
        let form = matchingForm(token)
        if form != token {
            _ = try validator.check(form, &warnings)
            return token
        }
        return try validator.check(token, &warnings)
    }

    /// The WHO allele names a token returned by `checkedForMatching` stands for.
    ///
    /// - Parameter token: A token `checkedForMatching(_:_:)` returned.
    /// - Returns: The WHO allele names, in py-ard order.
    /// - Throws: `HLAParseError`, `NomenclatureError` or `ReductionError` from the expansion (for a checked token,
    ///   only when the release has changed under it).
    public func alleles(ofChecked token: TypingToken) throws -> [String] {
        let t = matchingForm(token)
        let unprefixed = TypingToken(hasHLAPrefix: false, locus: t.locus, kind: t.kind)
        let r = try expand(unprefixed.description).result
        // Split on the bytes: the expansion is ASCII, and a split by `Character` costs ~5,000 instructions a name.
        return r.isEmpty ? [] : r.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The token matching expands: a first-field typing that is not itself an allele name becomes its XX code.
    private func matchingForm(_ token: TypingToken) -> TypingToken {
        if case .firstField(let f) = token.kind, !reducer.data.has(token.name, .validAllele) {
            return TypingToken(hasHLAPrefix: false, locus: token.locus, kind: .xx(firstField: f))
        }
        return token
    }
}
