import CordMatch
import HLA

/// Checks and conversions of single fields, shared by the importers. Each returns the value or a reason; numbers
/// and dates are read through their field of the matching core's table (`NumericField`, `DateField`), so a CSV
/// row, an XML `<CBU>` and a scenario row follow the same rules as every other input.
enum FieldParsers {
    enum Outcome<T> { case value(T), absent, invalid(String) }

    static func number(_ s: String, _ field: NumericField) -> Outcome<Double> {
        if s.isEmpty { return .absent }
        switch field.read(s) {
        case .success(let v): return .value(v)
        case .failure(let why): return .invalid(why.reason)
        }
    }

    static func integer(_ s: String, _ field: NumericField) -> Outcome<Int> {
        if s.isEmpty { return .absent }
        switch field.readWhole(s) {
        case .success(let v): return .value(v)
        case .failure(let why): return .invalid(why.reason)
        }
    }

    /// A date of `field`; `today` (UTC) bounds the dates of what has already happened.
    static func date(_ s: String, _ field: DateField, today: CalendarDate) -> Outcome<CalendarDate> {
        if s.isEmpty { return .absent }
        switch field.read(s, today: today) {
        case .success(let d): return .value(d)
        case .failure(let why): return .invalid(why.reason)
        }
    }

    /// A population code (the CSVs' `POPULATION`): 1–32 letters, digits, `-` or `_`, as haplotype sets name theirs.
    static func population(_ s: String) -> Outcome<String> {
        if s.isEmpty { return .absent }
        guard HaplotypeSetFile.isCode(s) else {
            return .invalid("'\(InputExcerpt.of(s))' is not a population code (1–32 letters, digits, '-' or '_', e.g. CAEU or EUR)")
        }
        return .value(s)
    }

    static func code(_ s: String, _ allowed: [String]) -> Outcome<String> {
        if s.isEmpty { return .absent }
        guard allowed.contains(s) else { return .invalid("'\(InputExcerpt.of(s))' is not one of \(allowed.joined(separator: ", "))") }
        return .value(s)
    }
}
