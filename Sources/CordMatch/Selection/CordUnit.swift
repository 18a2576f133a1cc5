/// A cord blood unit as matching sees it: typing, cell counts and the facts the policy's filters and ranking
/// use. Facts a bank did not report are nil (never excluded for that; flagged "not reported").
public struct CordUnit: Sendable, Hashable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Available (searchable).
        case available = "AV"
        case temporarilyUnavailable = "TU"
        case reserved = "RE"
        case deleted = "DE"
    }

    public let id: String
    public var bank: String?
    public var status: Status
    public var typing: HLATyping
    /// Total nucleated cells, pre-cryopreservation (absolute count).
    public var tnc: Double?
    /// CD34+ cells, pre-cryopreservation (absolute count).
    public var cd34: Double?
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
