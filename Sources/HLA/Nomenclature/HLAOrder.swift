/// The ordering py-ard uses for allele lists ("smart sort"): by locus-independent numeric fields, then serologic
/// number. Results of reductions are listed in this order so that they agree with py-ard byte for byte.
///
/// Expression and group suffixes (`P N Q L S G g`) are ignored when comparing, as py-ard does. Two names that only
/// differ in such a suffix compare equal; sorting is stable, so they keep their input order.
public enum HLAOrder {
    /// Three-way comparison: negative when `a` sorts first, zero when equal, positive when `b` sorts first.
    public static func compare(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        if containsGLOperator(a) || containsGLOperator(b) {
            return a > b ? 1 : -1
        }
        let x = stripSuffixLetters(a)
        let y = stripSuffixLetters(b)
        if x == y { return 0 }
        if !x.utf8.contains(UInt8(ascii: ":")) {
            let xDigits = isAllDigits(x), yDigits = isAllDigits(y)
            if xDigits && yDigits { return (Int(x) ?? 0) > (Int(y) ?? 0) ? 1 : -1 }
            // py-ard returns a boolean here (1 or 0); kept so that orders agree.
            if xDigits || yDigits { return x < y ? 1 : 0 }
            return serologyNumber(x) > serologyNumber(y) ? 1 : -1
        }
        let xf = numericFields(x), yf = numericFields(y)
        for i in 0..<4 {
            if xf[i] < yf[i] { return -1 }
            if xf[i] > yf[i] { return 1 }
        }
        return 0
    }

    /// `true` when `a` sorts before `b`; for use with `sorted(by:)`.
    @inlinable
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

    /// Sorts names in py-ard order, keeping the input order of names that compare equal.
    public static func sorted<S: Sequence>(_ names: S) -> [String] where S.Element == String {
        // Swift's sort is not documented as stable, so tie-break on the original position explicitly.
        let indexed = Array(names.enumerated())
        return indexed.sorted { l, r in
            let c = compare(l.element, r.element)
            return c != 0 ? c < 0 : l.offset < r.offset
        }.map(\.element)
    }

    static func containsGLOperator(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "+")
            || $0 == UInt8(ascii: "^") || $0 == UInt8(ascii: "~") }
    }

    private static func stripSuffixLetters(_ s: String) -> String {
        if s.hasSuffix("ARS") { return String(s.dropLast(3)) }
        let dropped: Set<UInt8> = Set("PNQLSGg".utf8)
        guard s.utf8.contains(where: dropped.contains) else { return s }
        return String(decoding: s.utf8.filter { !dropped.contains($0) }, as: UTF8.self)
    }

    private static func isAllDigits(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    private static func serologyNumber(_ s: String) -> Int {
        let digits = s.drop { !$0.isNumber }.prefix { $0.isNumber }
        return Int(digits) ?? 0
    }

    /// The four numeric fields after the locus; a missing or non-numeric field counts as 0.
    private static func numericFields(_ s: String) -> [Int] {
        let u = s.utf8
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
        return result
    }
}
