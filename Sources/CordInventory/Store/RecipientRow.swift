import CordMatch
import GRDB
import HLA

/// A recipient as stored (`recipients`): the row of the recipients file it was imported from (docs/FORMATS.md),
/// its typing kept as the GL string given, with the release it was last checked against.
public struct RecipientRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    /// The table: `recipients`.
    public static let databaseTableName = "recipients"

    /// The recipient's ID as the transplant centre gave it (`ID`): the upsert key.
    public var id: String
    /// The typing as the GL string given in the file (`HLA`), resolved again whenever it is used.
    public var hla: String
    /// The IPD-IMGT/HLA release the typing was last checked against (`3.58.0`): the import's, or the release of
    /// the last `data use` under which it was valid.
    public var release: String
    /// The recipient's weight in kilograms (0.5 to 400): cell doses are counted per kilogram of it.
    public var weightKg: Double
    /// Stored as its name (`malignant`, `non-malignant`).
    public var disease: Recipient.DiseaseClass
    /// Antibodies as `TARGET=MFI;…`.
    public var dsa: String
    /// The ABO blood group (`A`, `B`, `O`, `AB`); nil when not given. Compared with each unit's group
    /// (`ABOCompatibility`), which ranking uses.
    public var abo: String?
    /// A preset name or policy file; nil means the preset of the disease class.
    public var policy: String?
    /// True when nightly rematching searches for this recipient.
    public var active: Bool
    /// The population code that chooses the recipient's haplotype frequency set (nil: the default set).
    public var population: String?

    /// A row with the given columns (what the recipients importer writes).
    ///
    /// - Parameters:
    ///   - id: the recipient's ID as the centre gave it.
    ///   - hla: the typing, a GL string.
    ///   - release: the release the typing was checked against.
    ///   - weightKg: the weight in kilograms.
    ///   - disease: the disease class.
    ///   - dsa: the antibodies, `TARGET=MFI;…` (empty: none).
    ///   - abo: the ABO blood group, if known.
    ///   - policy: a preset name or policy file (nil: the preset of the disease class).
    ///   - active: whether nightly rematching searches for the recipient.
    ///   - population: the population code that chooses the haplotype frequency set, if known.
    public init(id: String, hla: String, release: String, weightKg: Double, disease: Recipient.DiseaseClass, dsa: String, abo: String?,
                policy: String?, active: Bool, population: String? = nil) {
        self.population = population
        self.id = id
        self.hla = hla
        self.release = release
        self.weightKg = weightKg
        self.disease = disease
        self.dsa = dsa
        self.abo = abo
        self.policy = policy
        self.active = active
    }

    enum CodingKeys: String, CodingKey {
        case id, hla, release, disease, dsa, abo, policy, active, population
        case weightKg = "weight_kg"
    }

    /// The columns `init(_:from:)` reads, in its order, of the table aliased `alias`.
    ///
    /// - Parameter alias: the table's name or alias in the `SELECT`.
    /// - Returns: the column list.
    static func selection(_ alias: String) -> String {
        ["id", "hla", "release", "weight_kg", "disease", "dsa", "abo", "policy", "active", "population"].map { "\(alias).\($0)" }
            .joined(separator: ", ")
    }

    /// The row whose columns (`selection`) start at position `first` of `row`, read by position: the server reads
    /// a recipient for every request about one, where Codable's decoding cost more than SQLite's read
    /// (docs/BENCHMARKS.md). Every other read decodes by Codable.
    ///
    /// - Parameters:
    ///   - row: the statement's current row.
    ///   - first: where the recipient's columns start.
    /// - Throws: `InventoryError` when a required column is NULL or the disease is not known.
    init(_ row: borrowing DirectRow, from first: Int32) throws {
        let diseaseName = try row.requiredText(first + 4, "disease")
        guard let disease = Recipient.DiseaseClass(rawValue: diseaseName) else {
            throw InventoryError("the stored disease '\(InputExcerpt.of(diseaseName))' is not known")
        }
        self.init(id: try row.requiredText(first, "recipient id"), hla: try row.requiredText(first + 1, "typing"),
                  release: try row.requiredText(first + 2, "release"), weightKg: row.real(first + 3), disease: disease,
                  dsa: try row.requiredText(first + 5, "antibodies"), abo: row.text(first + 6), policy: row.text(first + 7),
                  active: row.integer(first + 8) != 0, population: row.text(first + 9))
    }

    /// The policy this recipient is searched under unless a search names another: its own, else the preset of
    /// its disease class (`PolicyReference.preset(for:)`).
    public var policyName: String { policy ?? PolicyReference.preset(for: disease).description }

    /// The recipient as matching sees it: the typing and the antibodies resolved under `resolver`'s release.
    ///
    /// - Parameter resolver: the release (and MAC table) to resolve the typing and the antibody targets with.
    /// - Returns: the recipient.
    /// - Throws: `HLAParseError` or `TypingError` when the typing or an antibody does not resolve under that release
    ///   (`TypingResolver.resolve(_:)`, `AntibodyList.parse(_:resolver:)`).
    public func recipient(_ resolver: TypingResolver) throws -> Recipient {
        Recipient(id: id, typing: try resolver.resolve(hla), weightKg: weightKg,
                  disease: disease,
                  antibodies: try AntibodyList.parse(dsa, resolver: resolver), abo: abo, population: population)
    }

    /// The recipient stored with id `id`, if any.
    ///
    /// - Parameters:
    ///   - id: the recipient's id.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the row, or nil.
    /// - Throws: a database error.
    static func stored(_ id: String, _ db: Database) throws -> RecipientRow? {
        try fetchOne(db, key: id)
    }

    /// The active recipients (those nightly rematching searches for), by id.
    ///
    /// - Parameter db: the connection, in the caller's transaction.
    /// - Returns: their rows.
    /// - Throws: a database error.
    static func active(_ db: Database) throws -> [RecipientRow] {
        try filter(Column("active") == true).order(Column("id")).fetchAll(db)
    }

    /// How many recipients are active.
    ///
    /// - Parameter db: the connection, in the caller's transaction.
    /// - Returns: the count.
    /// - Throws: a database error.
    static func activeCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM recipients WHERE active") ?? 0
    }
}
