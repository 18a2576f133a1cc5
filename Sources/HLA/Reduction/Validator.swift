/// Checks a typing against a release: the GL syntax (`GLString.parse`), then every name — alleles must be
/// named in the release (renamed alleles are replaced by their new name, with a warning), group names must be
/// real groups, XX codes must have alleles, MACs need an installed MAC table, serologic antigens must be known.
///
/// py-ard also accepts names whose first two fields exist (`A*01:01:99`); we reject them on purpose, since
/// such a name is not an allele of the release (`docs/HLA-NOMENCLATURE.md`).
public struct Validator: Sendable {
    public let data: ReferenceData
    public let macs: MACTable?

    public init(_ data: ReferenceData, macs: MACTable? = nil) {
        self.data = data
        self.macs = macs
    }

    /// A typing that passed validation, with renamed alleles replaced.
    public struct Validated: Sendable {
        public let gl: GLString
        public let warnings: [String]
    }

    /// Validates `typing`; throws `HLAParseError` for syntax and `NomenclatureError` for names.
    public func validate(_ typing: String) throws -> Validated {
        let gl = try GLString.parse(typing)
        var warnings: [String] = []
        let checked = try gl.mapEntries { e in
            GLString.Entry(token: try check(e.token, &warnings), locusWasInherited: e.locusWasInherited)
        }
        return Validated(gl: checked, warnings: warnings)
    }

    /// Checks one token; returns it, or its replacement when the release renamed it.
    public func check(_ token: TypingToken, _ warnings: inout [String]) throws -> TypingToken {
        let name = token.name
        func fail(_ why: String) -> NomenclatureError { NomenclatureError(token: token.description, release: data.version, reason: why) }
        switch token.kind {
        case .allele:
            if data.has(name, .validAllele) || data.list(.shortNulls, of: name) != nil { return token }
            if data.has(name, .deleted) {
                let reason = data.value(.deletionReason, of: name) ?? "deleted"
                if let new = data.value(.replacement, of: name), data.has(new, .validAllele) {
                    warnings.append("\(token.description) was renamed \(new) in IMGT/HLA (\(reason)); using \(new)")
                    let replaced = try TypingToken.parse(Substring(new), in: new)
                    return TypingToken(hasHLAPrefix: token.hasHLAPrefix, locus: replaced.locus, kind: replaced.kind)
                }
                throw fail("deleted from IMGT/HLA (\(reason)) with no current replacement")
            }
            throw fail("not an allele name in IMGT/HLA \(data.version)\(suggestion(name))")
        case .firstField:
            // Some loci name alleles with one field (MICA*001, HFE*002): those are names, not antigen-level typings.
            if data.has(name, .validAllele) { return token }
            throw fail("a first-field (antigen-level) typing: write \(InputExcerpt.of(name)):XX to reduce or expand it")
        case .xx(let f):
            if data.has("\(token.locus!)*\(f)", .xxKey) { return token }
            throw fail("no allele has the first field \(InputExcerpt.of("\(token.locus!)*\(f)"))")
        case .mac(let f, let code):
            guard let macs else {
                throw fail("is a MAC, and no MAC table is installed (cordmatch data install --mac FILE)")
            }
            guard macs.codes[code] != nil else { throw fail("MAC code \(InputExcerpt.of(code)) is not in the installed MAC table") }
            guard let alleles = macs.expand(locus: token.locus!, firstField: f, code: code) else {
                throw fail("MAC \(code) lists full allele names whose most frequent first field is not \(f)")
            }
            guard alleles.contains(where: { data.has($0, .validAllele) }) else {
                throw fail("none of the alleles of \(name) (\(alleles.joined(separator: "/"))) exist in IMGT/HLA \(data.version)")
            }
            return token
        case .gGroup:
            if data.has(name, .gGroupName) { return token }
            throw fail("not a G group in IMGT/HLA \(data.version)")
        case .pGroup:
            if data.has(name, .pGroupName) { return token }
            throw fail("not a P group in IMGT/HLA \(data.version)")
        case .serology:
            if data.has(name, .serology) { return token }
            throw fail("not a serologic antigen recognised in IMGT/HLA \(data.version)")
        case .new:
            throw fail("NEW (an allele not yet named) has no reference data to reduce or expand")
        }
    }

    /// ", did you mean …" with the nearest existing names sharing the longest prefix.
    private func suggestion(_ name: String) -> String {
        var prefix = name
        while let c = prefix.lastIndex(of: ":") {
            prefix = String(prefix[..<c])
            if data.has(prefix, .validAllele) { return "; \(prefix) exists" }
        }
        return ""
    }
}

/// A name that parses but does not exist (or cannot be used) in the release.
public struct NomenclatureError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The name as written.
    public let token: String
    public let release: String
    public let reason: String
    /// `<name>: <reason>`, the name quoted through `InputExcerpt` (a name may be as long as a whole typing).
    public var description: String { "\(InputExcerpt.of(token)): \(reason)" }
}
