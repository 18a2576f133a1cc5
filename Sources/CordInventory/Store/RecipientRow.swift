import CordMatch
import GRDB

/// A recipient as stored.
public struct RecipientRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "recipients"

    public var id: String
    public var hla: String
    public var release: String
    public var weightKg: Double
    /// Stored as its name (`malignant`, `non-malignant`).
    public var disease: Recipient.DiseaseClass
    /// Antibodies as `TARGET=MFI;…`.
    public var dsa: String
    public var abo: String?
    /// A preset name or policy file; nil means the preset of the disease class.
    public var policy: String?
    public var active: Bool
    /// The population code that chooses the recipient's haplotype frequency set (nil: the default set).
    public var population: String?

    /// A stored recipient.
    ///
    /// - Parameters:
    ///   - id: the recipient's id.
    ///   - hla: the typing as a GL string.
    ///   - release: the IPD-IMGT/HLA release it was checked against.
    ///   - weightKg: body weight (kg).
    ///   - disease: the disease class.
    ///   - dsa: antibodies as `TARGET=MFI;…`.
    ///   - abo: ABO group, if known.
    ///   - policy: a preset name or policy file; nil: the preset of the disease class.
    ///   - active: searched by the nightly rematch.
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

    /// The policy this recipient is searched under unless a search names another: its own, else the preset of
    /// its disease class (`PolicyReference.preset(for:)`).
    public var policyName: String { policy ?? PolicyReference.preset(for: disease).description }

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
