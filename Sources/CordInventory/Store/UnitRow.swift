import CordMatch
import Foundation
import GRDB
import HLA

/// A unit as stored: the facts matching uses as columns, the HLA typing as the GL string it resolves from (with
/// the original HLA field values kept verbatim for round-tripping), and every other column as opaque JSON.
public struct UnitRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    /// The table: `units`.
    public static let databaseTableName = "units"

    /// The unit's ID as its bank gave it (`ID`, at most 17 characters): the upsert key.
    public var id: String
    /// The bank that holds the unit (`BANK_MANUF_ID`), shown as its bank; nil when not given.
    public var bank: String?
    /// The WMDA pool (ION) the unit was listed in, for units imported from inventory XML.
    public var pool: String?
    /// Stored as its code (`AV`, `TU`, `RE`, `DE`).
    public var status: CordUnit.Status
    /// The WMDA code of why the unit has its status (`STAT_REASON`: `QR`, `AD`, `CD`, `DS`, `XP`, `MR`, `MO`, `OT`,
    /// `UK`, `NS`); stored only, nil when not given.
    public var statReason: String?
    /// The typing as a GL string (from `X_HLA_GL`, or built from the SER/DNA field columns).
    public var hla: String
    /// The HLA columns as given (JSON object column → value); empty when they were standard
    /// (`StandardHLAFields`), as most are: then they are what `hla` renders back to (`originalHLAFields`).
    public var hlaFields: String
    /// The IPD-IMGT/HLA release the typing was checked against.
    public var release: String
    /// The total nucleated cells before cryopreservation, an absolute count (`TNC`, 1E7 to 1E11); nil when not
    /// reported. Divided by the recipient's weight for the dose.
    public var tnc: Double?
    /// The CD34+ cells before cryopreservation, an absolute count (`CD34PC`, 1E3 to 1E10); nil when not reported.
    public var cd34: Double?
    /// The unit's volume in millilitres (`VOL`, 1 to 1000); stored only.
    public var volume: Double?
    /// The collection date, `YYYY-MM-DD` (`COLL_DATE`): the age rule counts from it; nil when not given.
    public var collectionDate: String?
    /// The infant's birth date, `YYYY-MM-DD` (`BIRTH_DATE`, the day of collection); required, stored only.
    public var birthDate: String
    /// The WMDA product modification code (`PROD_MOD`: `BCE`, `DNE`, `PLR`, `PRR`, `RBR`, `NOT`, `OTH`), which the
    /// red-cell-reduced rule reads; nil when not given.
    public var productModification: String?
    /// The ABO blood group (`A`, `B`, `O`, `AB`), which ranking compares with the recipient's; nil when not given.
    public var abo: String?
    /// The Rhesus code (`P`, `N`, `+`, `-`); stored only.
    public var rhesus: String?
    /// The WMDA ethnicity code (`ETHN`, `AFNA` … `UK`); stored only.
    public var ethnicity: String?
    /// The population code of the CSV's optional `POPULATION` column, which chooses the unit's haplotype
    /// frequency set (before `ethnicity`).
    public var population: String?
    /// The number of attached segments (`ATT_SEG`, 0 to 99), which the attached-segment rule reads; nil when not
    /// given.
    public var attachedSegments: Int?
    /// Whether the bank is accredited (`X_ACCREDITED`: `Y`, `N`), which the accredited-bank rule reads; nil when
    /// not given.
    public var accredited: Bool?
    /// The mother's typing as a GL string, if given.
    public var maternalHLA: String?
    /// Every other column (JSON object), kept for round-tripping.
    public var extra: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, bank, pool, status, hla, release, tnc, cd34, volume, abo, rhesus, ethnicity, population, accredited, extra
        case statReason = "stat_reason", hlaFields = "hla_fields", collectionDate = "collection_date", birthDate = "birth_date"
        case productModification = "product_modification", attachedSegments = "attached_segments", maternalHLA = "maternal_hla"
    }

    /// The table's columns, in the order of `forEachDatabaseValue`.
    static let databaseColumns = CodingKeys.allCases.map(\.rawValue)

    /// Calls `body` with each of the row's values in `databaseColumns` order: what `databaseDictionary` holds,
    /// without encoding the row through `Encodable` or making an array (the hot path of an import).
    func forEachDatabaseValue(_ body: (DatabaseValue) -> Void) {
        for key in CodingKeys.allCases {
            let value: DatabaseValue = switch key {
            case .id: id.databaseValue
            case .bank: bank.databaseValue
            case .pool: pool.databaseValue
            case .status: status.databaseValue
            case .hla: hla.databaseValue
            case .release: release.databaseValue
            case .tnc: tnc.databaseValue
            case .cd34: cd34.databaseValue
            case .volume: volume.databaseValue
            case .abo: abo.databaseValue
            case .rhesus: rhesus.databaseValue
            case .ethnicity: ethnicity.databaseValue
            case .population: population.databaseValue
            case .accredited: accredited.databaseValue
            case .extra: extra.databaseValue
            case .statReason: statReason.databaseValue
            case .hlaFields: hlaFields.databaseValue
            case .collectionDate: collectionDate.databaseValue
            case .birthDate: birthDate.databaseValue
            case .productModification: productModification.databaseValue
            case .attachedSegments: attachedSegments.databaseValue
            case .maternalHLA: maternalHLA.databaseValue
            }
            body(value)
        }
    }

    /// The HLA columns as the inventory gave them (column → value): `hlaFields`, or when that is empty, the
    /// standard columns `hla` renders back to.
    public var originalHLAFields: [String: String] {
        guard !hlaFields.isEmpty else {
            return Dictionary((StandardHLAFields.columns(of: hla) ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        }
        return (try? JSONSerialization.jsonObject(with: Data(hlaFields.utf8))) as? [String: String] ?? [:]
    }

    /// The unit as matching sees it.
    ///
    /// - Parameter resolver: the release (and MAC table) to resolve the unit's and the mother's typings with.
    /// - Returns: the unit, its typing resolved and its collection date read.
    /// - Throws: `HLAParseError` or `TypingError` when the unit's or the mother's typing does not resolve under that
    ///   release (`TypingResolver.resolve(_:)`).
    public func cordUnit(_ resolver: TypingResolver) throws -> CordUnit {
        CordUnit(id: id, bank: bank, status: status, typing: try resolver.resolve(hla),
                 tnc: tnc, cd34: cd34, collectionDate: collectionDate.flatMap(CalendarDate.init), productModification: productModification,
                 attachedSegments: attachedSegments, accreditedBank: accredited, abo: abo,
                 maternalTyping: try maternalHLA.map { try resolver.resolve($0) }, population: population ?? ethnicity)
    }

    /// The unit stored with id `id`, if any.
    ///
    /// - Parameters:
    ///   - id: the unit's id.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the row, or nil.
    /// - Throws: a database error.
    static func stored(_ id: String, _ db: Database) throws -> UnitRow? {
        try fetchOne(db, key: id)
    }

    /// Those of the units `ids` that are stored and available (searchable).
    ///
    /// - Parameters:
    ///   - ids: unit ids.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: their rows, in no particular order.
    /// - Throws: a database error.
    static func available(_ ids: [String], _ db: Database) throws -> [UnitRow] {
        try rows(ids, db).filter { $0.status == .available }
    }

    /// The available (searchable) units, by id, as a cursor (one row in memory at a time).
    ///
    /// - Parameter db: the connection, in the caller's transaction.
    /// - Returns: the cursor.
    /// - Throws: a database error.
    static func availableInIDOrder(_ db: Database) throws -> RecordCursor<UnitRow> {
        try fetchCursor(db, sql: "SELECT * FROM units WHERE status = ? ORDER BY id", arguments: [CordUnit.Status.available])
    }

    /// The ids of the units listed in WMDA pool `pool`.
    ///
    /// - Parameters:
    ///   - pool: the pool (ION).
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the ids.
    /// - Throws: a database error.
    static func ids(inPool pool: String, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM units WHERE pool = ?", arguments: [pool])
    }

    /// Deletes the units `ids`, one statement each (the delete trigger logs each one).
    ///
    /// - Parameters:
    ///   - ids: the units' ids.
    ///   - db: the connection, in the caller's write transaction.
    /// - Throws: a database error.
    static func delete(_ ids: [String], _ db: Database) throws {
        for id in ids { try db.execute(sql: "DELETE FROM units WHERE id = ?", arguments: [id]) }
    }
}

extension UnitRow {
    /// The table's columns as a `SELECT` lists them for `init(_:)`, in `databaseColumns` order.
    static let selection = databaseColumns.map { "\"\($0)\"" }.joined(separator: ", ")
    /// Where each column is in a row of `selection`.
    private static let position = Dictionary(uniqueKeysWithValues: CodingKeys.allCases.enumerated().map { ($1, Int32($0)) })

    /// The row a `SELECT` of `selection` is at, read by position (`DirectRow`): what GRDB's decoding of the row
    /// gives, at a fraction of its cost.
    ///
    /// - Parameter row: the statement's current row.
    /// - Throws: `InventoryError` when a required column is NULL, the status is not known or a number column holds
    ///   text.
    init(_ row: borrowing DirectRow) throws {
        let at = { (key: CodingKeys) in Self.position[key]! }
        let statusCode = try row.requiredText(at(.status), "status")
        guard let status = CordUnit.Status(rawValue: statusCode) else {
            throw InventoryError("the stored status '\(InputExcerpt.of(statusCode))' is not known")
        }
        self.init(id: try row.requiredText(at(.id), "unit id"), bank: row.text(at(.bank)), pool: row.text(at(.pool)), status: status,
                  statReason: row.text(at(.statReason)), hla: try row.requiredText(at(.hla), "typing"),
                  hlaFields: try row.requiredText(at(.hlaFields), "HLA fields"), release: try row.requiredText(at(.release), "release"),
                  tnc: try row.optionalReal(at(.tnc), "TNC"), cd34: try row.optionalReal(at(.cd34), "CD34"),
                  volume: try row.optionalReal(at(.volume), "volume"), collectionDate: row.text(at(.collectionDate)),
                  birthDate: try row.requiredText(at(.birthDate), "birth date"), productModification: row.text(at(.productModification)),
                  abo: row.text(at(.abo)), rhesus: row.text(at(.rhesus)), ethnicity: row.text(at(.ethnicity)),
                  population: row.text(at(.population)),
                  attachedSegments: try row.optionalInteger(at(.attachedSegments), "attached segments").map { Int($0) },
                  accredited: try row.optionalInteger(at(.accredited), "accreditation").map { $0 != 0 },
                  maternalHLA: row.text(at(.maternalHLA)), extra: try row.requiredText(at(.extra), "extra columns"))
    }

    /// The stored units among `ids` (ids not stored are skipped), in the order of their ids' bytes — the order
    /// SQLite gives `fetchAll(_:keys:)`'s — read through `DirectRow`.
    ///
    /// - Parameters:
    ///   - ids: unit ids.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the rows.
    /// - Throws: a database error; `InventoryError` for a row that does not decode.
    static func rows(_ ids: [String], _ db: Database) throws -> [UnitRow] {
        var rows: [UnitRow] = []
        rows.reserveCapacity(ids.count)
        try DirectRow.forEach(db, keys: ids, sql: { "SELECT \(selection) FROM units WHERE id IN (\($0))" }) { rows.append(try UnitRow($0)) }
        return rows.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }
}
