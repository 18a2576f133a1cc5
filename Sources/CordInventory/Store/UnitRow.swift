import CordMatch
import Foundation
import GRDB

/// A unit as stored: the facts matching uses as columns, the HLA typing as the GL string it resolves from (with
/// the original HLA field values kept verbatim for round-tripping), and every other column as opaque JSON.
public struct UnitRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "units"

    public var id: String
    public var bank: String?
    /// The WMDA pool (ION) the unit was listed in, for units imported from inventory XML.
    public var pool: String?
    /// Stored as its code (`AV`, `TU`, `RE`, `DE`).
    public var status: CordUnit.Status
    public var statReason: String?
    /// The typing as a GL string (from `X_HLA_GL`, or built from the SER/DNA field columns).
    public var hla: String
    /// The HLA columns as given (JSON object column → value); empty when they were standard
    /// (`StandardHLAFields`), as most are: then they are what `hla` renders back to (`originalHLAFields`).
    public var hlaFields: String
    /// The IPD-IMGT/HLA release the typing was checked against.
    public var release: String
    public var tnc: Double?
    public var cd34: Double?
    public var volume: Double?
    public var collectionDate: String?
    public var birthDate: String
    public var productModification: String?
    public var abo: String?
    public var rhesus: String?
    public var ethnicity: String?
    /// The population code of the CSV's optional `POPULATION` column, which chooses the unit's haplotype
    /// frequency set (before `ethnicity`).
    public var population: String?
    public var attachedSegments: Int?
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
        try fetchAll(db, keys: ids).filter { $0.status == .available }
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
