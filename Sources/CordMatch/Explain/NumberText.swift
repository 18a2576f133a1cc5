/// Numbers in explanations, written without Foundation's `String(format:)` (which is slow enough to show in a
/// nightly rematch that writes millions of rule details).
package enum NumberText {
    /// `v` with exactly `digits` decimals (1 or 2), rounded half away from zero: 4.444 → "4.44", 5 → "5.00".
    ///
    /// - Parameters:
    ///   - v: the number.
    ///   - digits: 1 or 2.
    /// - Returns: its text.
    package static func fixed(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return "\(v)" }
        let scale = digits == 1 ? 10.0 : 100.0
        let scaled = Int64((abs(v) * scale).rounded())
        let whole = scaled / Int64(scale), fraction = scaled % Int64(scale)
        let fractionText = digits == 1 ? "\(fraction)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return (v < 0 && scaled != 0 ? "-" : "") + "\(whole).\(fractionText)"
    }
}
