/// Checks a typing against a release: the GL syntax (`GLString.parse`), then every name — alleles must be
/// named in the release (renamed alleles are replaced by their new name, with a warning), group names must be
/// real groups, XX codes must have alleles, MACs need an installed MAC table, serologic antigens must be known.
///
/// py-ard also accepts names whose first two fields exist (`A*01:01:99`); we reject them on purpose, since
/// such a name is not an allele of the release (`docs/HLA-NOMENCLATURE.md`).
public struct Validator: Sendable {
    /// The IPD-IMGT/HLA release names are checked against.
    public let data: ReferenceData
    /// The NMDP MAC table MACs are checked with; nil when none is installed (a MAC is then refused).
    public let macs: MACTable?

    /// Makes a validator for one release.
    ///
    /// - Parameters:
    ///   - data: The release names are checked against.
    ///   - macs: The NMDP MAC table; without one every MAC is refused.
    public init(_ data: ReferenceData, macs: MACTable? = nil) {
        self.data = data
        self.macs = macs
    }

    /// A typing that passed validation, with renamed alleles replaced.
    public struct Validated: Sendable {
        /// The typing with every renamed allele replaced by its new name, in the structure it was written in.
        public let gl: GLString
        /// One sentence for each renamed allele that was replaced (old name, new name, the release's reason).
        public let warnings: [String]
    }

    /// Validates `typing`; throws `HLAParseError` for syntax and `NomenclatureError` for names.
    ///
    /// - Parameter typing: A name or GL string.
    /// - Returns: The parsed typing with renamed alleles replaced, and a warning for each.
    /// - Throws: `HLAParseError` when the text is not a GL string; `NomenclatureError` for the first name that is not
    ///   in the release (see `check(_:_:)`).
    public func validate(_ typing: String) throws -> Validated {
        let gl = try GLString.parse(typing)
        var warnings: [String] = []
        let checked = try gl.mapEntries { e in
            GLString.Entry(token: try check(e.token, &warnings), locusWasInherited: e.locusWasInherited)
        }
        return Validated(gl: checked, warnings: warnings)
    }

    /// Checks one token; returns it, or its replacement when the release renamed it.
    ///
    /// - Parameters:
    ///   - token: One parsed name.
    ///   - warnings: Gets a sentence appended when the token is a renamed allele that is replaced.
    /// - Returns: `token`, or the allele it was renamed to (keeping its `HLA-` prefix).
    /// - Throws: `NomenclatureError` when the allele is not named in the release or deleted with no current
    ///   replacement, a first-field typing is not an allele name, an XX code has no alleles, a MAC has no installed
    ///   table, an unknown code or no allele of the release, a G/P group or serologic antigen is unknown, or the
    ///   token is `NEW`.
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
    /// The version of the release that does not have the name (`3.58.0`).
    public let release: String
    /// Why the name cannot be used, for a coordinator to read.
    public let reason: String
    /// `<name>: <reason>`, the name quoted through `InputExcerpt` (a name may be as long as a whole typing).
    public var description: String { "\(InputExcerpt.of(token)): \(reason)" }
}
