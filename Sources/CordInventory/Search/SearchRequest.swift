import CordMatch
import HLA

/// Whom a search or an explanation is for — a stored recipient, or an ad-hoc one given by its typing, weight,
/// disease and antibodies — and the policy and date it is searched under. The CLI's `search`/`explain` options and
/// the server's API parameters both become one of these, so that both load a recipient and its policy alike.
public struct SearchRequest: Sendable {
    /// A recipient stored in the database, or one described in the request.
    public enum Subject: Sendable {
        case stored(id: String)
        case adHoc(hla: String, weightKg: Double, disease: Recipient.DiseaseClass, dsa: String)
    }

    public var subject: Subject
    /// A preset name or a policy file; nil: the stored recipient's own, else the preset of the disease.
    public var policy: String?
    public var searchDate: CalendarDate

    public init(subject: Subject, policy: String? = nil, searchDate: CalendarDate) {
        self.subject = subject
        self.policy = policy
        self.searchDate = searchDate
    }

    /// The recipient (an ad-hoc one has the id `ad-hoc`) and the policy it is searched under. Throws
    /// `InventoryError` for an unknown stored recipient, and the resolver's or the policy loader's errors.
    public func load(_ store: InventoryStore, _ resolver: TypingResolver) throws -> (Recipient, SelectionPolicy) {
        switch subject {
        case .stored(let id):
            guard let row = try store.recipient(id) else { throw InventoryNotFound("no recipient \(InputExcerpt.of(id)) in the database") }
            return (try row.recipient(resolver), try PolicyLoader.load(policy ?? row.policyName))
        case .adHoc(let hla, let weightKg, let disease, let dsa):
            let recipient = Recipient(id: "ad-hoc", typing: try resolver.resolve(hla), weightKg: weightKg, disease: disease,
                                      antibodies: try AntibodyList.parse(dsa, resolver: resolver))
            return (recipient, try PolicyLoader.load(policy ?? disease.rawValue))
        }
    }

    /// A disease class (`malignant`, `non-malignant`); the message names `parameter`.
    public static func disease(_ text: String, parameter: String) throws -> Recipient.DiseaseClass {
        guard let disease = Recipient.DiseaseClass(rawValue: text) else { throw InventoryError("\(parameter) is malignant or non-malignant") }
        return disease
    }
}
