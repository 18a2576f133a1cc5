import ArgumentParser
import CordMatch

// The types of the command line's number and date options: each reads its text through one field of the
// matching core's table (`NumericField`, `DateField`), so an option accepts exactly what a CSV column or a
// policy key of the same kind accepts. A refused value is a usage error naming the option; its help gives the
// range.

/// Names the `NumericField` an option type reads.
protocol OptionField: Sendable {
    static var field: NumericField { get }
}

/// A number option of the field `F` names (a whole number when the field is a count: `count`).
struct NumberOption<F: OptionField>: ExpressibleByArgument, ExpressibleByIntegerLiteral, CustomStringConvertible, Sendable {
    let value: Double

    init?(argument: String) {
        let read = F.field.isWhole ? F.field.readWhole(argument).map(Double.init) : F.field.read(argument)
        guard case .success(let v) = read else { return nil }
        value = v
    }

    /// A default written in the source; it must be in the field's range.
    init(integerLiteral value: Int) {
        precondition(F.field.contains(Double(value)), "a default outside \(F.field.rangeText)")
        self.value = Double(value)
    }

    /// The value of a count.
    var count: Int { Int(value) }

    var description: String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)" }

    /// The help text's statement of the range: `0.5 to 400 kg`, `a whole number from 1 to 100000`.
    static var range: String { F.field.rangeText }
}

enum RecipientWeightField: OptionField { static let field = NumericField.recipientWeight }
enum UnitTNCField: OptionField { static let field = NumericField.unitTNC }
enum UnitCD34Field: OptionField { static let field = NumericField.unitCD34 }
enum BenchmarkSecondsField: OptionField { static let field = NumericField.benchmarkSeconds }
enum ResultLimitField: OptionField { static let field = NumericField.resultLimit }
enum BatchSizeField: OptionField { static let field = NumericField.batchSize }
enum RowCountField: OptionField { static let field = NumericField.generatedRows }
enum RepetitionsField: OptionField { static let field = NumericField.repetitions }

/// `--weight`: a recipient's weight in kg.
typealias WeightKg = NumberOption<RecipientWeightField>
/// `--tnc`: a unit's TNC, an absolute count.
typealias TNCCount = NumberOption<UnitTNCField>
/// `--cd34`: a unit's CD34+ cells, an absolute count.
typealias CD34Count = NumberOption<UnitCD34Field>
/// `bench scoring --seconds`.
typealias BenchmarkSeconds = NumberOption<BenchmarkSecondsField>
/// `--limit`: how many results to show or keep.
typealias ResultLimit = NumberOption<ResultLimitField>
/// `rematch --batch-size`.
typealias BatchSize = NumberOption<BatchSizeField>
/// `gen --count`, `--like-units`, `bench scoring --units`.
typealias RowCount = NumberOption<RowCountField>
/// `bench … --passes`, `--searches`, `--compare`, `--naive`.
typealias Repetitions = NumberOption<RepetitionsField>

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
