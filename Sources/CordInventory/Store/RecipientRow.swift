import CordMatch
import GRDB

/// A recipient as stored.
public struct RecipientRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "recipients"

    public var id: String
    public var hla: String
    public var release: String
    public var weightKg: Double
    public var disease: String
    /// Antibodies as `TARGET=MFI;…`.
    public var dsa: String
    public var abo: String?
    /// A preset name or policy file; nil means the preset of the disease class.
    public var policy: String?
    public var active: Bool

    public init(id: String, hla: String, release: String, weightKg: Double, disease: String, dsa: String, abo: String?,
                policy: String?, active: Bool) {
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
        case id, hla, release, disease, dsa, abo, policy, active
        case weightKg = "weight_kg"
    }

    /// The policy this recipient is searched under unless a search names another: its own, else the preset of
    /// its disease class.
    public var policyName: String { policy ?? disease }

    public func recipient(_ resolver: TypingResolver) throws -> Recipient {
        Recipient(id: id, typing: try resolver.resolve(hla), weightKg: weightKg,
                  disease: Recipient.DiseaseClass(rawValue: disease) ?? .malignant,
                  antibodies: try AntibodyList.parse(dsa, resolver: resolver), abo: abo)
    }
}
