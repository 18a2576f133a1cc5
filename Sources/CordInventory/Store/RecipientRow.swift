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

    enum CodingKeys: String, CodingKey {
        case id, hla, release, disease, dsa, abo, policy, active
        case weightKg = "weight_kg"
    }

    public func recipient(_ resolver: TypingResolver) throws -> Recipient {
        Recipient(id: id, typing: try resolver.resolve(hla), weightKg: weightKg,
                  disease: Recipient.DiseaseClass(rawValue: disease) ?? .malignant,
                  antibodies: try AntibodyList.parse(dsa, resolver: resolver), abo: abo)
    }
}
