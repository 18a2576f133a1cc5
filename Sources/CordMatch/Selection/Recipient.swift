import HLA

/// A patient searching for a unit.
public struct Recipient: Sendable, Hashable {
    /// The disease class, which picks the preset policy when a recipient has none of its own.
    public enum DiseaseClass: String, Sendable, Codable, CaseIterable {
        /// A malignant disease (leukaemia, lymphoma …): the `malignant` preset.
        case malignant
        /// A non-malignant disease (an inborn error, an aplasia …): the `non-malignant` preset.
        case nonMalignant = "non-malignant"
    }

    /// The recipient's id in the inventory (`ad-hoc` for a typing given directly).
    public let id: String
    /// The recipient's HLA typing, resolved.
    public var typing: HLATyping
    /// Body weight (kg). A weight outside `NumericField.recipientWeight` gives no dose (`CellDose`): every dose
    /// rule fails rather than be computed from it.
    public var weightKg: Double
    /// The recipient's disease class.
    public var disease: DiseaseClass
    /// The recipient's donor-specific antibodies (with MFI).
    public var antibodies: [Antibody]
    /// The recipient's ABO group (O, A, B, AB), if known.
    public var abo: String?
    /// The population code (e.g. a WMDA `ETHN` code) that chooses the recipient's haplotype frequency set; nil:
    /// the default set.
    public var population: String?

    /// A recipient.
    /// - Parameters:
    ///   - id: the recipient's id.
    ///   - typing: the resolved typing.
    ///   - weightKg: body weight (kg).
    ///   - disease: the disease class.
    ///   - antibodies: donor-specific antibodies.
    ///   - abo: ABO group, if known.
    ///   - population: the population code that chooses the haplotype frequency set, if known.
    public init(id: String, typing: HLATyping, weightKg: Double, disease: DiseaseClass, antibodies: [Antibody] = [], abo: String? = nil,
                population: String? = nil) {
        self.population = population
        self.id = id
        self.typing = typing
        self.weightKg = weightKg
        self.disease = disease
        self.antibodies = antibodies
        self.abo = abo
    }
}

/// A donor-specific antibody of the recipient: its target (allele, allele group, XX code or serologic antigen)
/// resolved like a typing value, and its strength.
public struct Antibody: Sendable, Hashable {
    /// The target as written (`A*24:02`, `B7`, `A*24:XX`).
    public let target: String
    /// The locus of the target (A, B, C, DRB1, DQB1 or DPB1).
    public let locus: MatchLocus
    /// The target resolved like a typing value at `locus`.
    public let resolved: PositionTyping
    /// True for a serologic target (compared at antigen level); false for allele-level targets.
    public let serologic: Bool
    /// Mean fluorescence intensity.
    public let mfi: Double

    /// Resolves `target` against the release; `mfi` must be in the range of `NumericField.antibodyMFI`.
    ///
    /// - Parameters:
    ///   - target: One allele, allele group, XX code or antigen (`A*24:02`, `B7`).
    ///   - mfi: The mean fluorescence intensity.
    ///   - resolver: Resolves the target.
    /// - Throws: `HLAParseError` when the target is not a typing; `TypingError` when it is more than one value, at a
    ///   locus outside A, B, C, DRB1, DQB1 and DPB1, not in the release, or the MFI is out of range.
    public init(target: String, mfi: Double, resolver: TypingResolver) throws {
        let gl = try GLString.parse(target)
        let tokens = gl.tokens
        guard tokens.count == 1, let token = tokens.first else {
            throw TypingError(typing: target, reason: "an antibody target is one allele, allele group, XX code or antigen")
        }
        guard let name = MatchLocus(rawValue: TypingStructure.locusName(token)) else {
            throw TypingError(typing: target, reason: "antibodies are checked at A, B, C, DRB1, DQB1 and DPB1 only")
        }
        if let why = NumericField.antibodyMFI.check(mfi) { throw TypingError(typing: target, reason: "MFI \(why.reason)") }
        self.target = target
        self.locus = name
        self.resolved = try resolver.resolvePosition(tokens, locus: name, in: target)
        if case .serology = token.kind { serologic = true } else { serologic = false }
        self.mfi = mfi
    }

    /// How a value relates to the target: `.definite`/`.exact` carries it, `.potential` may carry it.
    ///
    /// - Parameter value: A value of a unit's typing at the target's locus.
    /// - Returns: The antigen-level confidence for a serologic target, else the allele-level one.
    public func confidence(against value: PositionTyping) -> MatchConfidence {
        let c = PositionComparison(resolved, value)
        return serologic ? c.antigen : c.allele
    }
}
