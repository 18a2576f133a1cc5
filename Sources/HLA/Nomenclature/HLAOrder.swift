/// The ordering py-ard uses for allele lists ("smart sort"): by locus-independent numeric fields, then serologic
/// number. Results of reductions are listed in this order so that they agree with py-ard byte for byte.
///
/// Expression and group suffixes (`P N Q L S G g`) are ignored when comparing, as py-ard does. Two names that only
/// differ in such a suffix compare equal; sorting is stable, so they keep their input order.
public enum HLAOrder {
    /// Three-way comparison: negative when `a` sorts first, zero when equal, positive when `b` sorts first.
    ///
    /// - Parameters:
    ///   - a: A name (allele, group, code or antigen).
    ///   - b: Another name.
    /// - Returns: A negative number, 0 or a positive number (py-ard's comparison may also return 0 or 1 for a
    ///   serologic name against a digits-only name, kept so that orders agree).
    public static func compare(_ a: String, _ b: String) -> Int { compare(Key(a), Key(b)) }

    /// `true` when `a` sorts before `b`; for use with `sorted(by:)`.
    ///
    /// - Parameters:
    ///   - a: A name.
    ///   - b: Another name.
    /// - Returns: `true` when `compare(a, b)` is negative.
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

    /// Sorts names in py-ard order, keeping the input order of names that compare equal. Each name's key is
    /// computed once, not at every comparison.
    ///
    /// - Parameter names: The names to sort.
    /// - Returns: The names in py-ard order.
    public static func sorted<S: Sequence>(_ names: S) -> [String] where S.Element == String {
        let keyed = names.enumerated().map { (offset: $0.offset, key: Key($0.element)) }
        return keyed.sorted { l, r in
            let c = compare(l.key, r.key)
            return c != 0 ? c < 0 : l.offset < r.offset
        }.map(\.key.raw)
    }

    /// What py-ard's comparison looks at, derived once per name.
    struct Key {
        let raw: String
        let hasGLOperator: Bool
        let stripped: String
        let hasColon: Bool
        let isDigits: Bool
        let number: Int             // digits-only value, or the serologic number
        let fields: (Int, Int, Int, Int)

        init(_ s: String) {
            raw = s
            hasGLOperator = HLAOrder.containsGLOperator(s)
            if s.hasSuffix("ARS") {
                stripped = String(s.dropLast(3))
            } else if s.utf8.contains(where: HLAOrder.isSuffixLetter) {
                stripped = String(decoding: s.utf8.filter { !HLAOrder.isSuffixLetter($0) }, as: UTF8.self)
            } else {
                stripped = s
            }
            let u = stripped.utf8
            hasColon = u.contains(UInt8(ascii: ":"))
            isDigits = !u.isEmpty && u.allSatisfy(TypingToken.isDigit)
            if hasColon {
                number = 0
                fields = HLAOrder.numericFields(u)
            } else {
                // The number after the leading letters (serology `A24` → 24), or the whole digits.
                let digits = u.drop { !TypingToken.isDigit($0) }.prefix(while: TypingToken.isDigit)
                number = digits.reduce(0) { $0 &* 10 &+ Int($1 - UInt8(ascii: "0")) }
                fields = (0, 0, 0, 0)
            }
        }
    }

    static func compare(_ a: Key, _ b: Key) -> Int {
        if a.raw == b.raw { return 0 }
        if a.hasGLOperator || b.hasGLOperator { return a.raw > b.raw ? 1 : -1 }
        if a.stripped == b.stripped { return 0 }
        if !a.hasColon {
            if a.isDigits && b.isDigits { return a.number > b.number ? 1 : -1 }
            // py-ard returns a boolean here (1 or 0); kept so that orders agree.
            if a.isDigits || b.isDigits { return a.stripped < b.stripped ? 1 : 0 }
            return a.number > b.number ? 1 : -1
        }
        let x = a.fields, y = b.fields
        if x.0 != y.0 { return x.0 < y.0 ? -1 : 1 }
        if x.1 != y.1 { return x.1 < y.1 ? -1 : 1 }
        if x.2 != y.2 { return x.2 < y.2 ? -1 : 1 }
        if x.3 != y.3 { return x.3 < y.3 ? -1 : 1 }
        return 0
    }

    static func containsGLOperator(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "+")
            || $0 == UInt8(ascii: "^") || $0 == UInt8(ascii: "~") }
    }

    @inline(__always) static func isSuffixLetter(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "P"), UInt8(ascii: "N"), UInt8(ascii: "Q"), UInt8(ascii: "L"), UInt8(ascii: "S"),
             UInt8(ascii: "G"), UInt8(ascii: "g"): return true
        default: return false
        }
    }

    /// The four numeric fields after the locus; a missing or non-numeric field counts as 0.
    private static func numericFields(_ u: String.UTF8View) -> (Int, Int, Int, Int) {
        let start = u.firstIndex(of: UInt8(ascii: "*")).map { u.index(after: $0) } ?? u.startIndex
        var result = [0, 0, 0, 0]
        var field = 0, value = 0, numeric = true, empty = true
        for c in u[start...] {
            if c == UInt8(ascii: ":") {
                if field < 4 { result[field] = numeric && !empty ? value : 0 }
                field += 1; value = 0; numeric = true; empty = true
            } else if TypingToken.isDigit(c) {
                value = value &* 10 &+ Int(c - UInt8(ascii: "0")); empty = false
            } else {
                numeric = false
            }
        }
        if field < 4 { result[field] = numeric && !empty ? value : 0 }
        return (result[0], result[1], result[2], result[3])
    }
}
