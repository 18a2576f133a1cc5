/// A unit's cell dose for a recipient: TNC ×10^7/kg and CD34+ ×10^5/kg from pre-cryopreservation counts.
public struct CellDose: Sendable, Hashable, Codable {
    public let tncPerKg: Double?
    public let cd34PerKg: Double?

    public init(unit: CordUnit, weightKg: Double) { self.init(tnc: unit.tnc, cd34: unit.cd34, weightKg: weightKg) }

    /// From absolute counts (nil when not reported): TNC ×10^7/kg, CD34+ ×10^5/kg.
    public init(tnc: Double?, cd34: Double?, weightKg: Double) {
        tncPerKg = tnc.map { $0 / 1e7 / weightKg }
        cd34PerKg = cd34.map { $0 / 1e5 / weightKg }
    }

    public init(tncPerKg: Double?, cd34PerKg: Double?) {
        self.tncPerKg = tncPerKg
        self.cd34PerKg = cd34PerKg
    }
}
