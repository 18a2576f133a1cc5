/// Applies a policy to one unit for one recipient, producing the full `UnitAssessment`.
public struct UnitAssessor: Sendable {
    /// The policy applied.
    public let policy: SelectionPolicy
    /// The date date-based rules use (collection age).
    public let searchDate: CalendarDate
    /// Quality rules this search relaxes (only rules the policy marks relaxable can be).
    public let relaxed: Set<SelectionPolicy.QualityRule.Kind>

    /// An assessor for one search.
    ///
    /// - Parameters:
    ///   - policy: The policy.
    ///   - searchDate: The date the date rules use.
    ///   - relaxed: The quality rules this search relaxes.
    public init(policy: SelectionPolicy, searchDate: CalendarDate, relaxed: Set<SelectionPolicy.QualityRule.Kind> = []) {
        self.policy = policy
        self.searchDate = searchDate
        self.relaxed = relaxed
    }

    /// Scores `unit` against `recipient` and applies every rule of the policy to it.
    ///
    /// - Parameters:
    ///   - unit: The unit.
    ///   - recipient: The recipient.
    /// - Returns: The assessment: the match, the dose, every rule's outcome, warnings and eligibility.
    public func assess(_ unit: CordUnit, for recipient: Recipient) -> UnitAssessment {
        let match = MatchScorer.score(recipient: recipient.typing, unit: unit.typing)
        let dose = CellDose(unit: unit, weightKg: recipient.weightKg)
        var rules: [UnitAssessment.Rule] = []
        var warnings: [String] = []
        func rule(_ name: String, _ outcome: UnitAssessment.Rule.Outcome, _ detail: String) {
            rules.append(.init(name: name, outcome: outcome, detail: detail))
        }

        rule("status", unit.status == .available ? .passed : .failed,
             unit.status == .available ? "available (AV)" : "status \(unit.status.rawValue), not available for search")

        let findings = antibodyFindings(unit, recipient)
        let excluding = findings.filter { $0.action == "exclude" }
        rule("antibodies", excluding.isEmpty ? .passed : .failed,
             excluding.isEmpty ? (findings.isEmpty ? "no donor-specific antibody against this unit" : "antibodies below the exclusion threshold only")
                : excluding.map { "\($0.carried) \($0.target), recipient MFI \(Int($0.mfi)) ≥ \(Int(policy.antibodies.excludeAtMFI))" }.joined(separator: "; "))

        let floor = policy.hlaFloor
        let (x6, x8) = floor.counted(match.x6, match.x8)
        let floorOK = x6 >= floor.minX6 && x8 >= floor.minX8
        rule("hla_floor", floorOK ? .passed : .failed, "\(x6)/6 (needs ≥ \(floor.minX6)), \(x8)/8 (needs ≥ \(floor.minX8))"
             + (floor.potentialCountsAsMatch ? ", potential matches counted" : ""))

        for q in policy.quality { rules.append(quality(q, unit)) }

        let step = policy.dose.tncSteps.sorted { $0.minX8Matches > $1.minX8Matches }.first { x8 >= $0.minX8Matches }!
        if !CellDose.isPlausible(weightKg: recipient.weightKg) {
            let why = "recipient weight \(recipient.weightKg) kg is outside \(NumericField.recipientWeight.rangeText): the dose cannot be assessed"
            rule("tnc_dose", .failed, why)
            rule("cd34_dose", .failed, why)
        } else {
            if let tnc = dose.tncPerKg {
                let ok = step.tncPerKg.isMet(by: tnc)
                rule("tnc_dose", ok ? .passed : .failed, "TNC \(NumberText.fixed(tnc, 2)) ×10^7/kg" + " (needs \(step.tncPerKg.text) at \(x8)/8)")
            } else {
                rule("tnc_dose", .failed, "TNC not reported: the dose cannot be assessed")
            }
            if let cd34 = dose.cd34PerKg {
                let ok = policy.dose.cd34PerKg.isMet(by: cd34)
                rule("cd34_dose", ok ? .passed : .failed, "CD34+ \(NumberText.fixed(cd34, 2)) ×10^5/kg" + " (needs \(policy.dose.cd34PerKg.text))")
            } else {
                rule("cd34_dose", policy.dose.allowCD34NotReported ? .notReported : .failed, "CD34 not reported")
            }
        }

        if policy.warnHvGOnly, match.x8.hvg > 0, match.x8.gvh == 0 {
            warnings.append("HvG-only (rejection-direction) mismatch: higher graft-failure risk in non-malignant disease (Stevens 2011)")
        }
        for l in match.loci where l.tce == .nonPermissiveGvH || l.tce == .nonPermissiveHvG {
            warnings.append("DPB1 \(l.tce!.rawValue) (reported, not ranked)")
        }

        return UnitAssessment(
            unitID: unit.id, bank: unit.bank, eligible: !rules.contains { $0.outcome == .failed }, match: match, dose: dose,
            antibodies: findings, rules: rules, warnings: warnings, abo: ABOCompatibility(recipient: recipient.abo, unit: unit.abo),
            nimaMatched: nima(unit, recipient), collectionDate: unit.collectionDate, policy: policy.name,
            release: unit.typing.release)
    }

    /// Antibodies of the recipient against values the unit carries (or may carry) and the recipient lacks.
    func antibodyFindings(_ unit: CordUnit, _ recipient: Recipient) -> [UnitAssessment.AntibodyFinding] {
        recipient.antibodies.compactMap { ab in
            guard ab.mfi >= policy.antibodies.warnAtMFI else { return nil }
            // An antibody against the recipient's own antigen is not donor-specific.
            if recipient.typing[ab.locus].expressed.contains(where: { ab.confidence(against: $0).isKnownMatch }) { return nil }
            let best = unit.typing[ab.locus].expressed.map { ab.confidence(against: $0) }.max { $0.rank < $1.rank } ?? .mismatch
            guard best != .mismatch else { return nil }
            let carried = best.isKnownMatch ? "carries" : "may carry"
            let action = ab.mfi >= policy.antibodies.excludeAtMFI ? (policy.antibodies.action == .exclude ? "exclude" : "flag") : "warn"
            return .init(target: ab.target, mfi: ab.mfi, carried: carried, action: action)
        }
    }

    /// Whether the unit meets a quality rule; nil when the bank did not report the fact.
    func qualityFact(_ q: SelectionPolicy.QualityRule, _ unit: CordUnit) -> Bool? {
        switch q.rule {
        case .attachedSegment: return unit.attachedSegments.map { $0 > 0 }
        case .redCellReduced:
            switch unit.productModification?.uppercased() {
            case nil, "", "OTH": return nil
            case "NOT", "PLR": return false
            default: return true
            }
        case .accreditedBank: return unit.accreditedBank
        case .maxAgeYears: return unit.collectionDate.map { $0.adding(years: q.years ?? 10) >= searchDate }
        }
    }

    // A unit that fails `passesQuality` or `canMeetDose` can be neither eligible nor a double-unit candidate,
    // whatever its typing: a batch search skips reading and resolving it. Neither reads HLA.

    /// False when the unit fails a quality rule this search does not relax.
    ///
    /// - Parameter unit: The unit.
    /// - Returns: Whether it passes every quality rule not relaxed (an unreported fact passes).
    public func passesQuality(_ unit: CordUnit) -> Bool {
        !policy.quality.contains { qualityFact($0, unit) == false && !($0.relaxable && relaxed.contains($0.rule)) }
    }

    /// False when `unit` fails a quality rule this search does not relax or cannot meet a dose for a recipient of
    /// `weightKg` — it can then be neither eligible nor a double-unit candidate.
    ///
    /// - Parameters:
    ///   - unit: The unit.
    ///   - weightKg: The recipient's weight in kg.
    /// - Returns: Whether it may be eligible or a double-unit candidate, before its typing is read.
    public func canQualify(_ unit: CordUnit, weightKg: Double) -> Bool {
        passesQuality(unit) && canMeetDose(tnc: unit.tnc, cd34: unit.cd34, weightKg: weightKg)
    }

    /// How many of `assess`'s rules `unit` fails whatever its typing and its status: the quality rules this search
    /// does not relax, the CD34+ dose, and the TNC dose when no step's threshold is met (the step depends on x/8);
    /// both doses for an implausible weight. A lower bound of the failures `assess` counts (it adds the status,
    /// the antibodies, the HLA floor and the TNC step of the unit's x/8), reading no HLA: a unit with two is no
    /// near miss.
    ///
    /// - Parameters:
    ///   - unit: the unit (its typing and status are not read).
    ///   - weightKg: the recipient's weight.
    /// - Returns: the number of rules failed whatever the typing.
    public func failuresWithoutHLA(_ unit: CordUnit, weightKg: Double) -> Int {
        let quality = policy.quality.filter { qualityFact($0, unit) == false && !($0.relaxable && relaxed.contains($0.rule)) }.count
        guard CellDose.isPlausible(weightKg: weightKg) else { return quality + 2 }
        let dose = CellDose(unit: unit, weightKg: weightKg)
        let tnc = dose.tncPerKg.map { tnc in !policy.dose.tncSteps.contains { $0.tncPerKg.isMet(by: tnc) } } ?? true
        let cd34 = dose.cd34PerKg.map { !policy.dose.cd34PerKg.isMet(by: $0) } ?? !policy.dose.allowCD34NotReported
        return quality + (tnc ? 1 : 0) + (cd34 ? 1 : 0)
    }

    /// False when a unit with these cell counts (absolute, nil when not reported) meets neither the single-unit
    /// dose nor the double-unit per-unit minimum for a recipient of `weightKg`.
    ///
    /// - Parameters:
    ///   - totalTNC: The absolute TNC count, or nil.
    ///   - totalCD34: The absolute CD34+ count, or nil.
    ///   - weightKg: The recipient's weight in kg.
    /// - Returns: Whether either dose can be met (a missing CD34 count passes when the policy allows it).
    public func canMeetDose(tnc totalTNC: Double?, cd34 totalCD34: Double?, weightKg: Double) -> Bool {
        guard canMeetTNC(totalTNC, weightKg: weightKg) else { return false }
        let double = policy.doubleUnits
        guard let cd34 = CellDose(tnc: nil, cd34: totalCD34, weightKg: weightKg).cd34PerKg else { return policy.dose.allowCD34NotReported }
        return policy.dose.cd34PerKg.isMet(by: cd34) || (double.enabled && double.perUnitCD34PerKg.isMet(by: cd34))
    }

    /// The TNC half of `canMeetDose`: false when a unit of `totalTNC` cells (nil: not reported) meets neither
    /// the single-unit TNC dose nor the double-unit per-unit minimum. Monotone: true for a count, true for every
    /// larger count (a batch search sorts units by TNC and cuts the list there).
    ///
    /// - Parameters:
    ///   - totalTNC: The absolute TNC count, or nil.
    ///   - weightKg: The recipient's weight in kg.
    /// - Returns: Whether either TNC dose can be met.
    public func canMeetTNC(_ totalTNC: Double?, weightKg: Double) -> Bool {
        guard let tnc = CellDose(tnc: totalTNC, cd34: nil, weightKg: weightKg).tncPerKg else { return false }
        let double = policy.doubleUnits
        return policy.dose.tncSteps.contains(where: { $0.tncPerKg.isMet(by: tnc) }) || (double.enabled && double.perUnitTNCPerKg.isMet(by: tnc))
    }

    func quality(_ q: SelectionPolicy.QualityRule, _ unit: CordUnit) -> UnitAssessment.Rule {
        let fact = qualityFact(q, unit)
        let detail: String
        switch q.rule {
        case .attachedSegment:
            detail = unit.attachedSegments.map { "\($0) attached segment(s)" } ?? "attached segments not reported"
        case .redCellReduced:
            detail = unit.productModification.map { "processing \($0)" } ?? "processing not reported"
        case .accreditedBank:
            detail = unit.accreditedBank.map { $0 ? "accredited bank" : "bank not accredited" } ?? "accreditation not reported"
        case .maxAgeYears:
            detail = unit.collectionDate.map { "collected \($0), limit \(q.years ?? 10) years before \(searchDate)" } ?? "collection date not reported"
        }
        let outcome: UnitAssessment.Rule.Outcome
        switch fact {
        case nil: outcome = .notReported
        case true?: outcome = .passed
        case false?: outcome = q.relaxable && relaxed.contains(q.rule) ? .relaxed : .failed
        }
        return .init(name: q.rule.rawValue, outcome: outcome, detail: detail)
    }

    /// NIMA: the mother's values the unit did not inherit cover every GvH-mismatched recipient value at A, B, DRB1.
    func nima(_ unit: CordUnit, _ recipient: Recipient) -> Bool? {
        guard let mother = unit.maternalTyping else { return nil }
        var anyMismatch = false
        for locus in [MatchLocus.A, .B, .DRB1] {
            let u = unit.typing[locus].expressed
            let nonInherited = mother[locus].expressed.filter { m in !u.contains { PositionComparison(m, $0).allele.isKnownMatch } }
            let r = recipient.typing[locus].expressed
            let gvhValues = r.filter { v in u.allSatisfy { PositionComparison(v, $0).allele == .mismatch } }
            for v in gvhValues {
                anyMismatch = true
                if !nonInherited.contains(where: { PositionComparison(v, $0).antigen != .mismatch }) { return false }
            }
        }
        return anyMismatch ? true : nil
    }
}
