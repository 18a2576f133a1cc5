/// Expands a typing to the WHO allele names it stands for: XX codes to every allele with that first field
/// (broad DNA groups include their splits), MACs to their alleles, serologic antigens to the alleles assigned to
/// them, their splits' and their associated antigens' alleles, G/P groups to their members, and short names to
/// the full names under them.
public struct Expander: Sendable {
    /// The reducer that does the expansion (its `.W` level) and holds the release and MAC table checked against.
    public let reducer: Reducer

    /// Makes an expander for one release.
    ///
    /// - Parameters:
    ///   - data: The IPD-IMGT/HLA release names are checked and expanded against.
    ///   - macs: The NMDP MAC table; without one a MAC typing is refused.
    public init(_ data: ReferenceData, macs: MACTable? = nil) { reducer = Reducer(data, macs: macs) }

    /// The expansion as a GL string with the input's structure; each name becomes an allele list.
    ///
    /// - Parameter typing: A name or GL string.
    /// - Returns: The expansion (`type` `.W`), with the validation's warnings (renamed alleles).
    /// - Throws: `HLAParseError` when the text is not a GL string; `NomenclatureError` when a name is not in the
    ///   release (or is a MAC without a MAC table); `ReductionError` when a name cannot be expanded.
    public func expand(_ typing: String) throws -> Reduction {
        let validated = try Validator(reducer.data, macs: reducer.macs).validate(typing)
        let data = reducer.data
        let expandedLoci = try validated.gl.loci.map { gl in
            try Reducer.combineLevel(gl, "|") { g in
                try Reducer.combineLevel(g, "+") { h in
                    try Reducer.combineLevel(h, "~") { list in
                        try Reducer.combineLevel(list, "/") { entry -> String in
                            let t = entry.token
                            var names: [String]
                            if case .serology = t.kind {
                                // Add the alleles of associated antigens (A2 → A203, A210), which py-ard's W leaves out.
                                names = ([t.name] + (data.list(.associatedAntigens, of: t.name) ?? [])).flatMap { data.list(.serologyAlleles, of: $0) ?? [] }
                                    .filter { data.has($0, .validAllele) }
                                if names.isEmpty { return "" }
                            } else {
                                names = [t.name]
                            }
                            let r = try reducer.reduceNames(names, .W)
                            return t.hasHLAPrefix ? Reducer.withHLAPrefix(r) : r
                        }
                    }
                }
            }
        }
        let result = expandedLoci.count == 1 ? expandedLoci[0] : Reducer.combine(expandedLoci, "^")
        return Reduction(input: typing, type: .W, result: result, warnings: validated.warnings)
    }
}
