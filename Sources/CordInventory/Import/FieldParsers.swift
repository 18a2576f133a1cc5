import CordMatch

/// Checks and conversions of single fields, shared by the importers. Each returns the value or a reason.
enum FieldParsers {
    enum Outcome<T> { case value(T), absent, invalid(String) }

    static func number(_ s: String, allowZero: Bool = true) -> Outcome<Double> {
        if s.isEmpty { return .absent }
        guard let v = Double(s), v.isFinite else { return .invalid("'\(s)' is not a number (scientific notation such as 1.2E9 is fine)") }
        guard v > 0 || (allowZero && v == 0) else { return .invalid("'\(s)' must be \(allowZero ? "zero or more" : "more than zero")") }
        return .value(v)
    }

    static func integer(_ s: String) -> Outcome<Int> {
        if s.isEmpty { return .absent }
        guard let v = Int(s), v >= 0 else { return .invalid("'\(s)' is not a whole number ≥ 0") }
        return .value(v)
    }

    static func date(_ s: String) -> Outcome<CalendarDate> {
        if s.isEmpty { return .absent }
        guard let d = CalendarDate(s) else { return .invalid("'\(s)' is not a date YYYY-MM-DD") }
        return .value(d)
    }

    static func code(_ s: String, _ allowed: [String]) -> Outcome<String> {
        if s.isEmpty { return .absent }
        guard allowed.contains(s) else { return .invalid("'\(s)' is not one of \(allowed.joined(separator: ", "))") }
        return .value(s)
    }
}
