import ArgumentParser
import CordMatch

// The types of the command line's number and date options: each reads its text through one field of the
// matching core's table (`NumericField`, `DateField`), so an option accepts exactly what a CSV column or a
// policy key of the same kind accepts. A refused value is a usage error naming the option; its help gives the
// range.

/// A number option of one `NumericField`.
protocol NumericArgument: ExpressibleByArgument, ExpressibleByIntegerLiteral, CustomStringConvertible, Sendable {
    static var field: NumericField { get }
    var value: Double { get }
    init(checked value: Double)
}

extension NumericArgument {
    init?(argument: String) {
        guard case .success(let v) = Self.field.read(argument) else { return nil }
        self.init(checked: v)
    }

    /// A default written in the source; it must be in the field's range.
    init(integerLiteral value: Int) {
        precondition(Self.field.contains(Double(value)), "a default outside \(Self.field.rangeText)")
        self.init(checked: Double(value))
    }

    var description: String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)" }

    /// The help text's statement of the range: `0.5 to 400 kg`.
    static var range: String { field.rangeText }
}

/// A whole-number option of one `NumericField`.
protocol WholeArgument: ExpressibleByArgument, ExpressibleByIntegerLiteral, CustomStringConvertible, Sendable {
    static var field: NumericField { get }
    var value: Int { get }
    init(checked value: Int)
}

extension WholeArgument {
    init?(argument: String) {
        guard case .success(let n) = Self.field.readWhole(argument) else { return nil }
        self.init(checked: n)
    }

    init(integerLiteral value: Int) {
        precondition(Self.field.contains(Double(value)), "a default outside \(Self.field.rangeText)")
        self.init(checked: value)
    }

    var description: String { String(value) }

    /// The help text's statement of the range: `a whole number from 1 to 100000`.
    static var range: String { field.rangeText }
}

/// `--weight`: a recipient's weight in kg.
struct WeightKg: NumericArgument {
    static let field = NumericField.recipientWeight
    let value: Double
    init(checked value: Double) { self.value = value }
}

/// `--tnc`: a unit's TNC, an absolute count.
struct TNCCount: NumericArgument {
    static let field = NumericField.unitTNC
    let value: Double
    init(checked value: Double) { self.value = value }
}

/// `--cd34`: a unit's CD34+ cells, an absolute count.
struct CD34Count: NumericArgument {
    static let field = NumericField.unitCD34
    let value: Double
    init(checked value: Double) { self.value = value }
}

/// `bench scoring --seconds`.
struct BenchmarkSeconds: NumericArgument {
    static let field = NumericField.benchmarkSeconds
    let value: Double
    init(checked value: Double) { self.value = value }
}

/// `--limit`: how many results to show or keep.
struct ResultLimit: WholeArgument {
    static let field = NumericField.resultLimit
    let value: Int
    init(checked value: Int) { self.value = value }
}

/// `rematch --batch-size`.
struct BatchSize: WholeArgument {
    static let field = NumericField.batchSize
    let value: Int
    init(checked value: Int) { self.value = value }
}

/// `gen --count`, `--like-units`, `bench scoring --units`.
struct RowCount: WholeArgument {
    static let field = NumericField.generatedRows
    let value: Int
    init(checked value: Int) { self.value = value }
}

/// `bench … --passes`, `--searches`, `--compare`, `--naive`.
struct Repetitions: WholeArgument {
    static let field = NumericField.repetitions
    let value: Int
    init(checked value: Int) { self.value = value }
}

/// `--search-date`: a real date (YYYY-MM-DD) from `DateField.earliest` to `DateField.searchYearsAhead` years after
/// today (UTC).
struct SearchDate: ExpressibleByArgument, CustomStringConvertible, Sendable {
    let date: CalendarDate

    init?(argument: String) {
        guard case .success(let d) = DateField.search.read(argument, today: .today()) else { return nil }
        date = d
    }

    var description: String { date.description }

    /// The help text's statement of the range.
    static let range = "a real date from \(DateField.earliest) to \(DateField.searchYearsAhead) years after today"
}
