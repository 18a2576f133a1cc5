/// A cord blood unit as matching sees it: typing, cell counts and the facts the policy's filters and ranking
/// use. Facts a bank did not report are nil (never excluded for that; flagged "not reported").
public struct CordUnit: Sendable, Hashable {
    /// The unit's WMDA status; only available units pass the `status` filter.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Available (searchable).
        case available = "AV"
        /// Temporarily unavailable.
        case temporarilyUnavailable = "TU"
        /// Reserved for a recipient.
        case reserved = "RE"
        /// Deleted from the inventory.
        case deleted = "DE"
    }

    /// The unit's id, unique in the inventory.
    public let id: String
    /// The bank holding the unit, if reported.
    public var bank: String?
    /// The unit's status.
    public var status: Status
    /// The unit's HLA typing, resolved.
    public var typing: HLATyping
    /// Total nucleated cells, pre-cryopreservation (absolute count).
    public var tnc: Double?
    /// CD34+ cells, pre-cryopreservation (absolute count).
    public var cd34: Double?
    /// The collection date (the `max_age_years` rule and the `collection_date` ranking key), if reported.
    public var collectionDate: CalendarDate?
    /// WMDA PROD_MOD (RBR, PRR, PLR, NOT, BCE, DNE, OTH).
    public var productModification: String?
    /// Number of attached segments available for confirmatory typing.
    public var attachedSegments: Int?
    /// Whether the bank is accredited (FACT/AABB/NetCord), if known.
    public var accreditedBank: Bool?
    /// ABO group (O, A, B, AB).
    public var abo: String?
    /// The mother's typing, for NIMA.
    public var maternalTyping: HLATyping?
    /// The population code (the CSV's `POPULATION`, else the WMDA `ETHN`) that chooses the unit's haplotype
    /// frequency set; nil: the default set.
    public var population: String?

    /// Makes a unit; every fact not given is not reported.
    ///
    /// - Parameters:
    ///   - id: The unit's id.
    ///   - bank: The bank.
    ///   - status: The WMDA status.
    ///   - typing: The resolved typing.
    ///   - tnc: Total nucleated cells (absolute count), or nil.
    ///   - cd34: CD34+ cells (absolute count), or nil.
    ///   - collectionDate: The collection date.
    ///   - productModification: WMDA `PROD_MOD`.
    ///   - attachedSegments: The number of attached segments.
    ///   - accreditedBank: Whether the bank is accredited.
    ///   - abo: The ABO group.
    ///   - maternalTyping: The mother's resolved typing.
    public init(id: String, bank: String? = nil, status: Status = .available, typing: HLATyping, tnc: Double?, cd34: Double?,
                collectionDate: CalendarDate? = nil, productModification: String? = nil, attachedSegments: Int? = nil,
                accreditedBank: Bool? = nil, abo: String? = nil, maternalTyping: HLATyping? = nil, population: String? = nil) {
        self.population = population
        self.id = id
        self.bank = bank
        self.status = status
        self.typing = typing
        self.tnc = tnc
        self.cd34 = cd34
        self.collectionDate = collectionDate
        self.productModification = productModification
        self.attachedSegments = attachedSegments
        self.accreditedBank = accreditedBank
        self.abo = abo
        self.maternalTyping = maternalTyping
    }
}
