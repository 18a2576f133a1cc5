import CordMatch
import GRDB

// The domain values stored as text columns, typed in Swift: each is read and written as the text it always was
// (so existing databases read unchanged), and a text no version writes is a decoding error rather than a silent
// default.

/// `units.status`: `AV`, `TU`, `RE` or `DE` (the raw values).
extension CordUnit.Status: DatabaseValueConvertible {}

/// `recipients.disease`: `malignant` or `non-malignant` (the raw values).
extension Recipient.DiseaseClass: DatabaseValueConvertible {}

/// `rematch_recipients.computed`: `full`, `incremental` or `error: <message>`.
extension RematchComputation: DatabaseValueConvertible {
    /// The stored text (`description`).
    public var databaseValue: DatabaseValue { description.databaseValue }

    /// The computation a stored text names.
    ///
    /// - Parameter dbValue: the stored value.
    /// - Returns: nil when it is not text naming a computation.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> RematchComputation? {
        String.fromDatabaseValue(dbValue).flatMap(RematchComputation.init(text:))
    }
}
