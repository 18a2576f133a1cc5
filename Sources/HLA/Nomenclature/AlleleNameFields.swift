/// Field arithmetic on allele names as written in IMGT/HLA files (`A*01:01:01:02N`), with py-ard's conventions.
///
/// These helpers work on plain strings because reference data are keyed by name; `AlleleName` is the parsed form.
public enum AlleleNameFields {
    /// Expression suffixes that py-ard carries up to shorter names: null, questionable, low, secreted.
    public static let expressionSuffixes: Set<Character> = ["N", "Q", "L", "S"]

    /// The first `n` colon-separated fields; with `keepExpression` a dropped expression suffix is re-appended.
    ///
    /// - Parameters:
    ///   - name: An allele name as written in IPD-IMGT/HLA files (`A*01:01:01:02N`).
    ///   - n: How many fields to keep (1 to 4).
    ///   - keepExpression: When `true`, an expression suffix (`N`, `Q`, `L`, `S`) of `name` is appended to the cut
    ///     name.
    /// - Returns: `name` up to (not including) its `n`th colon, or `name` unchanged when it has `n` fields or fewer.
    public static func firstFields(_ name: String, _ n: Int, keepExpression: Bool = false) -> String {
        var colons = 0
        for i in name.utf8.indices where name.utf8[i] == UInt8(ascii: ":") {
            colons += 1
            guard colons == n else { continue }
            let kept = String(name[..<i])
            if keepExpression, let last = name.last, expressionSuffixes.contains(last) { return kept + String(last) }
            return kept
        }
        return name
    }

    /// The two-field form used for grouping (`A*01:01:01:02N` → `A*01:01`); a `G`/`P` group suffix is removed first.
    ///
    /// - Parameter name: An allele or G/P group name.
    /// - Returns: The name cut to two fields.
    public static func twoField(_ name: String) -> String { firstFields(stripGroupSuffix(name), 2) }

    /// The three-field form (`A*01:01:01:02N` → `A*01:01:01`).
    ///
    /// - Parameter name: An allele or G/P group name.
    /// - Returns: The name cut to three fields.
    public static func threeField(_ name: String) -> String { firstFields(stripGroupSuffix(name), 3) }

    /// The first field with its locus (`A*01:01` → `A*01`).
    ///
    /// - Parameter name: An allele name.
    /// - Returns: The locus and first field.
    public static func oneField(_ name: String) -> String { firstFields(name, 1) }

    /// Number of colon-separated fields.
    ///
    /// - Parameter name: An allele name (`A*01:01:01` has 3 fields; a name without a colon has 1).
    /// - Returns: One more than the number of colons in `name`.
    public static func fieldCount(_ name: String) -> Int { name.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: ":") ? 1 : 0) } }

    static func stripGroupSuffix(_ name: String) -> String {
        if let last = name.last, last == "G" || last == "P" { return String(name.dropLast()) }
        return name
    }

    /// The G group name py-ard derives from the first member of a `hla_nom_g.txt` line: its first three fields
    /// plus `G`, or `field1:field2:01G` when the member has two fields.
    ///
    /// - Parameter firstMember: The first allele listed on the line, as written.
    /// - Returns: The G group's name (`A*01:01:01G`).
    public static func gGroupName(firstMember: String) -> String {
        var a = firstMember
        if let last = a.last, "PGNQLS".contains(last) { a.removeLast() }
        let fields = a.split(separator: ":", omittingEmptySubsequences: false)
        if fields.count == 2 { return a + ":01G" }
        return fields.prefix(3).joined(separator: ":") + "G"
    }
}
