/// A unit's cell dose for a recipient: TNC ×10^7/kg and CD34+ ×10^5/kg from pre-cryopreservation counts.
public struct CellDose: Sendable, Hashable, Codable {
    /// Total nucleated cells ×10^7 per kg of recipient weight; nil when not reported or the weight is not plausible.
    public let tncPerKg: Double?
    /// CD34+ cells ×10^5 per kg of recipient weight; nil when not reported or the weight is not plausible.
    public let cd34PerKg: Double?

    /// The dose of `unit` for a recipient of `weightKg`.
    ///
    /// - Parameters:
    ///   - unit: The unit; its absolute TNC and CD34 counts are used.
    ///   - weightKg: The recipient's weight in kg.
    public init(unit: CordUnit, weightKg: Double) { self.init(tnc: unit.tnc, cd34: unit.cd34, weightKg: weightKg) }

    /// From absolute counts (nil when not reported): TNC ×10^7/kg, CD34+ ×10^5/kg. Both nil when the weight is
    /// not plausible (`NumericField.recipientWeight`): a dose divided by a weight of 0, 1e-320 or NaN would be
    /// infinite or meaningless and pass every threshold.
    ///
    /// - Parameters:
    ///   - tnc: The absolute TNC count, or nil.
    ///   - cd34: The absolute CD34+ count, or nil.
    ///   - weightKg: The recipient's weight in kg.
    public init(tnc: Double?, cd34: Double?, weightKg: Double) {
        guard Self.isPlausible(weightKg: weightKg) else { (tncPerKg, cd34PerKg) = (nil, nil); return }
        tncPerKg = tnc.map { $0 / 1e7 / weightKg }
        cd34PerKg = cd34.map { $0 / 1e5 / weightKg }
    }

    /// True when a dose can be computed for a recipient of this weight.
    ///
    /// - Parameter weightKg: The recipient's weight.
    /// - Returns: Whether it is in `NumericField.recipientWeight`.
    public static func isPlausible(weightKg: Double) -> Bool { NumericField.recipientWeight.contains(weightKg) }

    /// A dose already per kg (a stored or decoded one).
    ///
    /// - Parameters:
    ///   - tncPerKg: TNC ×10^7/kg, or nil.
    ///   - cd34PerKg: CD34+ ×10^5/kg, or nil.
    public init(tncPerKg: Double?, cd34PerKg: Double?) {
        self.tncPerKg = tncPerKg
        self.cd34PerKg = cd34PerKg
    }
}
