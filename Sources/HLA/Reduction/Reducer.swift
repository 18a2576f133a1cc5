import CordSupport

/// Reduces typings (single names or whole GL strings) to a coarser level with py-ard 2.4.2's meaning, and
/// validates them first: every name must exist in the release (see `Validator`); any invalid name fails the
/// whole typing, as in py-ard's strict mode.
///
/// The algorithm mirrors py-ard's `redux` step by step (GL operators outermost first, XX codes, MACs,
/// serology, short nulls, then the allele itself with the "ping" rule for lg/lgx), so results agree with it
/// on the same release — including its ordering of lists. Where we deliberately differ, `docs/HLA-NOMENCLATURE.md`
/// says why.
public struct Reducer: Sendable {
    /// The IPD-IMGT/HLA release reductions are computed from.
    public let data: ReferenceData
    /// The NMDP MAC table MACs are expanded with; nil when none is installed (a MAC typing is then refused).
    public let macs: MACTable?
    /// Per-name results by level, shared by copies of this reducer (py-ard memoises the same step).
    let memo = Memo<MemoKey, String>()

    struct MemoKey: Hashable, Sendable {
        let name: String
        let type: ReductionType
    }

    /// Loci whose alleles py-ard reduces; names at other loci pass through unchanged.
    static let groupedLoci: Set<Substring> = ["A", "B", "C", "DMA", "DMB", "DOA", "DOB", "DPA1", "DPB1", "DQA1", "DQB1",
                                              "DRA", "DRB1", "DRB3", "DRB4", "DRB5", "E", "F", "G"]

    /// Makes a reducer for one release.
    ///
    /// - Parameters:
    ///   - data: The release names are checked and reduced against.
    ///   - macs: The NMDP MAC table; without one a MAC typing is refused.
    public init(_ data: ReferenceData, macs: MACTable? = nil) {
        self.data = data
        self.macs = macs
    }

    /// Reduces `typing` (a name or GL string) to `type`; the result is a GL string (empty when nothing remains,
    /// e.g. serology of an allele without a serologic assignment). Warnings say what was assumed on the way
    /// (a renamed allele replaced by its new name).
    ///
    /// - Parameters:
    ///   - typing: A name or GL string, with or without `HLA-`.
    ///   - type: The level to reduce to (py-ard's `G`, `P`, `lg`, `lgx`, `S`, `exon`, `W`).
    /// - Returns: The reduction: the result and the warnings of validation.
    /// - Throws: `HLAParseError` when the text is not a GL string; `NomenclatureError` when a name is not in the
    ///   release; `ReductionError.invalidAllele`, `.invalidMAC` or `.notReducible` when a name cannot be reduced at
    ///   `type`.
    public func reduce(_ typing: String, to type: ReductionType) throws -> Reduction {
        if let stored = storedAnswer(typing, type) { return Reduction(input: typing, type: type, result: stored, warnings: []) }
        let validated = try Validator(data, macs: macs).validate(typing)
        let result = try reduceParsed(validated.gl, type)
        return Reduction(input: typing, type: type, result: result, warnings: validated.warnings)
    }

    /// The stored answer when `typing` is one name (with or without `HLA-`) that `ReferenceData.answers` holds:
    /// the whole reduction is then one look-up, with the same result as the steps below.
    private func storedAnswer(_ typing: String, _ type: ReductionType) -> String? {
        var typing = typing
        return typing.withUTF8 { buf -> String? in
            let raw = UnsafeRawBufferPointer(buf)
            let prefixed = raw.starts(with: "HLA-".utf8)
            guard let r = data.answers.answer(prefixed ? UnsafeRawBufferPointer(rebasing: raw[4...]) : raw, type) else { return nil }
            return prefixed ? Self.withHLAPrefix(r) : r
        }
    }

    // MARK: - GL structure (py-ard: split on ^, |, +, ~, / in that order)

    func reduceParsed(_ gl: GLString, _ type: ReductionType) throws -> String {
        try Self.combineLevel(gl.loci, "^") { gList in
            try Self.combineLevel(gList, "|") { genotype in
                try Self.combineLevel(genotype, "+") { haplotype in
                    try Self.combineLevel(haplotype, "~") { list in
                        try Self.combineLevel(list, "/") { entry in try reduceLeaf(entry.token, type) }
                    }
                }
            }
        }
    }

    /// Applies `inner` to each part of one GL level and joins the results the way py-ard does; a level with one
    /// part passes its result through untouched.
    static func combineLevel<T>(_ parts: [T], _ op: Character, _ inner: (T) throws -> String) throws -> String {
        if parts.count == 1 { return try inner(parts[0]) }
        return combine(try parts.map(inner), op)
    }

    /// How py-ard joins the results of one level: `~` keeps them as they are, `+` drops empty ones and sorts,
    /// the others also split each result on the operator and drop duplicates.
    static func combine(_ results: [String], _ op: Character) -> String {
        switch op {
        case "~": return results.joined(separator: "~")
        case "+": return HLAOrder.sorted(results.filter { !$0.isEmpty }).joined(separator: "+")
        default:
            var seen = Set<Substring>(), unique: [String] = []
            for r in results {
                for p in r.split(separator: op) where !p.isEmpty && seen.insert(p).inserted { unique.append(String(p)) }
            }
            return HLAOrder.sorted(unique).joined(separator: String(op))
        }
    }

    private func reduceLeaf(_ token: TypingToken, _ type: ReductionType) throws -> String {
        let r = try reduceName(token.name, type)
        return token.hasHLAPrefix ? Self.withHLAPrefix(r) : r
    }

    /// A reduced allele list as written after an `HLA-` prefixed token: every name prefixed.
    static func withHLAPrefix(_ r: String) -> String {
        r.isEmpty ? r : r.split(separator: "/").map { "HLA-" + $0 }.joined(separator: "/")
    }

    /// A list of names, reduced one by one and combined as an allele list (py-ard `redux("/".join(names))`).
    func reduceNames(_ names: [String], _ type: ReductionType) throws -> String {
        if names.count == 1 { return try reduceName(names[0], type) }
        return Self.combine(try names.map { try reduceName($0, type) }, "/")
    }

    /// One name without `HLA-` (py-ard `_redux_non_glstring`): its stored answer, else computed and memoised.
    func reduceName(_ a: String, _ type: ReductionType) throws -> String {
        if let stored = data.answers.answer(a, type) { return stored }
        let key = MemoKey(name: a, type: type)
        if let hit = memo[key] { return hit }
        let result = try computeName(a, type)
        memo[key] = result
        return result
    }

    private func computeName(_ a: String, _ type: ReductionType) throws -> String {
        if let star = a.utf8.firstIndex(of: UInt8(ascii: "*")), !Self.groupedLoci.contains(a[..<star]) { return a }
        if !a.utf8.contains(UInt8(ascii: "*")) && !a.utf8.contains(UInt8(ascii: ":")) && data.has(a, .serology) {
            let alleles = (data.list(.serologyAlleles, of: a) ?? []).filter { data.has($0, .validAllele) }
            return alleles.isEmpty ? "" : try reduceNames(alleles, type)
        }
        let parts = a.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts.dropFirst().contains(where: { $0.isEmpty }) else {
            throw ReductionError.notReducible(a)
        }
        let code = parts[1]
        if code.elementsEqual("XX".utf8), let list = data.list(.xxCodes, of: String(Substring(parts[0]))) { return try reduceNames(list, type) }
        if code.allSatisfy({ ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }) {
            guard let alleles = macAlleles(a) else { throw ReductionError.invalidMAC(a) }
            return try reduceNames(alleles, type)
        }
        if let list = data.list(.shortNulls, of: a) { return try reduceNames(list, type) }
        return try reduceAllele(a, type)
    }

    /// The valid alleles a MAC stands for, or nil when it is not a valid MAC (py-ard `is_mac` + `get_alleles`).
    func macAlleles(_ a: String) -> [String]? {
        let parts = a.split(separator: ":")
        guard parts.count == 2, let star = parts[0].firstIndex(of: "*"), let macs else { return nil }
        guard let expanded = macs.expand(locus: String(parts[0][..<star]), firstField: String(parts[0][parts[0].index(after: star)...]),
                                         code: String(parts[1])) else { return nil }
        return expanded.filter { data.has($0, .validAllele) }
    }

    // MARK: - One allele (py-ard `_redux_allele` and its reducers)

    func reduceAllele(_ name: String, _ type: ReductionType, rePing: Bool = true) throws -> String {
        var a = name
        if let last = a.last, last == "P" || last == "G", [.lg, .lgx, .G, .P].contains(type) { a.removeLast() }
        if rePing && (type == .lg || type == .lgx) {
            if let v = data.value(.pNotG, of: a) { return type == .lg ? Self.lgSuffix(v) : v }
            let once = try reduceAllele(a, type, rePing: false)
            let bare = once.hasSuffix("g") ? String(once.dropLast()) : once
            if bare == a || bare.utf8.contains(UInt8(ascii: "/")) || isPNotGValue(bare) { return once }
            let twice = try reduceAllele(bare, type, rePing: false)
            if twice.utf8.contains(UInt8(ascii: "/")) || isValidAllele(twice) { return twice }
        }
        switch type {
        case .G:
            if let g = data.value(.gGroup, of: a) {
                if let dup = data.list(.duplicateG, of: a) { return dup.joined(separator: "/") }
                return g
            }
            return try checked(a)
        case .P:
            return try data.value(.pGroup, of: a) ?? checked(a)
        case .lgx:
            return lgx(a)
        case .lg:
            return Self.lgSuffix(lgx(a))
        case .W:
            if data.has(a, .whoAllele) { return a }
            if let group = data.list(.whoGroup, of: a) { return try reduceNames(group, .W) }
            return a
        case .exon:
            if let e = data.value(.exon, of: a) {
                if let c = a.last, AlleleNameFields.expressionSuffixes.contains(c), data.list(.shortNulls, of: e + String(c)) != nil {
                    return e + String(c)
                }
                return e
            }
            let w = try reduceParsedText(a, .W)
            if w == a || AlleleNameFields.fieldCount(w) == 2 { return a }
            return try reduceParsedText(w, .exon)
        case .S:
            return try serology(a)
        }
    }

    private func lgx(_ a: String) -> String { data.value(.lgx, of: a) ?? AlleleNameFields.firstFields(a, 2) }

    static func lgSuffix(_ s: String) -> String { s.split(separator: "/").map { $0 + "g" }.joined(separator: "/") }

    /// True when `s` is the lgx target of an allele that has a P group but no G group.
    private func isPNotGValue(_ s: String) -> Bool { data.has(s, .pNotGTarget) }

    /// A name that has no group at this level is returned as it is — if it exists (py-ard `DefaultReducer`).
    private func checked(_ a: String) throws -> String {
        if a.hasSuffix("P"), data.has(a, .pGroupName) { return a }
        if a.hasSuffix("G"), data.has(a, .gGroupName) { return a }
        if isValidAllele(a) { return a }
        throw ReductionError.invalidAllele(a)
    }

    /// py-ard `is_valid_allele` (strict): exact names, group names, or names whose 2-field form exists.
    func isValidAllele(_ a: String) -> Bool {
        if a.hasSuffix("G") { return data.has(a, .gGroupName) }
        if a.hasSuffix("P") { return data.has(a, .pGroupName) }
        if let star = a.utf8.firstIndex(of: UInt8(ascii: "*")) {
            let fields = a.utf8[a.utf8.index(after: star)...].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            if !fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isASCIIAlphanumeric) }) { return false }
        }
        return data.has(a, .validAllele) || data.has(AlleleNameFields.twoField(a), .validAllele)
    }

    private static func isASCIIAlphanumeric(_ c: UInt8) -> Bool {
        TypingToken.isDigit(c) || (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
    }

    /// Serologic antigens of an allele (py-ard `SReducer`).
    private func serology(_ name: String) throws -> String {
        var a = name
        var found: [String]
        if AlleleNameFields.fieldCount(a) == 2 {
            a = try reduceAllele(a, .lgx)
            found = data.list(.serologiesOfLgx, of: a) ?? []
            if found.isEmpty && AlleleNameFields.fieldCount(a) == 2 {
                // py-ard's fallback: antigens whose lgx list mentions the name (case-insensitive substring) and
                // whose list, lgx-reduced again, contains it.
                // The re-reduced lists are precomputed (serologiesOfRelgx), so only the substring test runs here.
                let needle = a.lowercased()
                for s in data.list(.serologiesOfRelgx, of: a) ?? [] {
                    if let list = data.list(.serologyLgxAlleles, of: s), list.contains(where: { $0.lowercased().contains(needle) }) {
                        found.append(s)
                    }
                }
            }
        } else {
            found = data.list(.serologiesOfAllele, of: a) ?? []
        }
        return HLAOrder.sorted(Set(found).sorted()).joined(separator: "/")
    }

    private func reduceParsedText(_ text: String, _ type: ReductionType) throws -> String {
        if !HLAOrder.containsGLOperator(text) { return try reduceName(text, type) }
        return try reduceNames(text.split(separator: "/").map(String.init), type)
    }
}

/// The result of reducing one typing.
public struct Reduction: Sendable, Equatable {
    /// The typing as given.
    public let input: String
    /// The level it was reduced (or, for an expansion, expanded) to.
    public let type: ReductionType
    /// The reduced GL string; empty when nothing remains.
    public let result: String
    /// Assumptions made on the way, in words.
    public let warnings: [String]

    /// Makes a result.
    ///
    /// - Parameters:
    ///   - input: The typing as given.
    ///   - type: The level reduced to.
    ///   - result: The reduced GL string (empty when nothing remains).
    ///   - warnings: Assumptions made on the way, in words.
    public init(input: String, type: ReductionType, result: String, warnings: [String]) {
        self.input = input
        self.type = type
        self.result = result
        self.warnings = warnings
    }
}

/// Why a typing could not be reduced.
public enum ReductionError: Error, CustomStringConvertible, Equatable {
    /// The name is not an allele, group or name whose 2-field form exists in the release.
    case invalidAllele(String)
    /// The name is shaped like a MAC but no installed MAC table expands it to an allele of the release.
    case invalidMAC(String)
    /// The name has fewer than two fields, or an empty one, so no reduction applies.
    case notReducible(String)

    /// `<name> is not a valid allele`, `… is not a valid MAC` or `… cannot be reduced`.
    public var description: String {
        switch self {
        case .invalidAllele(let a): return "\(a) is not a valid allele"
        case .invalidMAC(let a): return "\(a) is not a valid MAC"
        case .notReducible(let a): return "\(a) cannot be reduced"
        }
    }
}
