import CordInventory
import CordMatch

/// The recipient of a search or an explanation: one stored in the inventory, or one described on the spot.
public enum RecipientReference: Sendable, Hashable {
    /// A recipient stored in the inventory, by id.
    case stored(String)
    /// A recipient given with the request (a coordinator's "what if" search), not stored.
    case adHoc(AdHocRecipient)
}

/// A recipient described with a request rather than stored: the typing and facts a search needs.
public struct AdHocRecipient: Sendable, Hashable {
    /// The id reports name it by.
    public static let id = "ad-hoc"

    /// The typing as a GL string.
    public var typing: String
    /// Body weight in kg (the cell dose is per kg).
    public var weightKg: Double
    /// Malignant or non-malignant disease: picks the policy preset when none is named.
    public var disease: Recipient.DiseaseClass
    /// Antibodies as `TARGET=MFI;TARGET=MFI` (`AntibodyList`), empty for none.
    public var antibodies: String

    /// - Parameters:
    ///   - typing: the typing as a GL string.
    ///   - weightKg: the recipient's weight in kg.
    ///   - disease: the disease class (its preset is the policy unless the request names one).
    ///   - antibodies: donor-specific antibodies as `TARGET=MFI;…`.
    public init(typing: String, weightKg: Double, disease: Recipient.DiseaseClass, antibodies: String = "") {
        self.typing = typing
        self.weightKg = weightKg
        self.disease = disease
        self.antibodies = antibodies
    }
}

/// Whom a request is for — the recipient's row as stored, or the ad-hoc recipient as given — and the policy it is
/// searched under, before anything is resolved (`InventoryService.searchSubject(_:policy:)`).
public struct SearchSubject: Sendable, Hashable {
    /// The recipient as stored or as given.
    public enum Recipient: Sendable, Hashable {
        /// A stored recipient's row.
        case stored(RecipientRow)
        /// A recipient given with the request.
        case adHoc(AdHocRecipient)
    }

    /// The recipient.
    public let recipient: Recipient
    /// The policy asked for, else the stored recipient's own, else the ad-hoc recipient's disease preset.
    public let policy: PolicyReference
}
