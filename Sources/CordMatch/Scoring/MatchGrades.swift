/// How two values match, from best to worst.
public enum MatchGrade: String, Sendable, Codable {
    /// Same P group (identical antigen-recognition-domain protein).
    case allele
    /// Same serologic antigen (split↔broad and associated relations included), different or unknown P group.
    case antigen
    /// Neither the same P group nor the same antigen.
    case mismatch
}

/// Within an allele-level match of two single alleles, how far the identity goes.
public enum AlleleDetail: String, Sendable, Codable {
    /// Same 3-field name (same coding sequence).
    case cdna
    /// Same 2-field name (same protein).
    case protein
    /// Same G group (same nucleotide sequence in the antigen-recognition exons).
    case gGroup = "G"
    /// Same P group only.
    case pGroup = "P"

    /// The finest level two values known to match at allele level (same single P group) are known to share:
    /// a level counts only when each side is known to one value there (-1 in `PositionTyping` means its
    /// possibilities differ) and the two values are equal — so every possible pair of alleles shares it.
    /// Both sides must be known to one G group; `.pGroup` then says the G groups differ.
    static func shared(_ r: PositionTyping, _ u: PositionTyping) -> AlleleDetail {
        func same(_ a: Int32, _ b: Int32) -> Bool { a >= 0 && a == b }
        return same(r.cdna, u.cdna) ? .cdna : same(r.protein, u.protein) ? .protein : same(r.gKey, u.gKey) ? .gGroup : .pGroup
    }
}

/// How sure a grade is.
public enum MatchConfidence: String, Sendable, Codable {
    /// Both values are single alleles (or antigens) and match.
    case definite
    /// Both values are known to one P group (e.g. a G group or an allele list within one P group) and match.
    case exact
    /// Some of the possibilities match: confirmatory typing would settle it.
    case potential
    /// No possibility matches: a known mismatch.
    case mismatch

    /// Higher is better: definite 3, exact 2, potential 1, mismatch 0.
    public var rank: Int { switch self { case .definite: 3; case .exact: 2; case .potential: 1; case .mismatch: 0 } }
    /// Definite or exact: the match is known.
    public var isKnownMatch: Bool { self == .definite || self == .exact }
}

/// Which way a mismatch goes.
public enum MismatchDirection: String, Sendable, Codable {
    /// The recipient carries a value the unit lacks: donor cells may attack the recipient.
    case gvh = "GvH"
    /// The unit carries a value the recipient lacks: the recipient may reject the graft.
    case hvg = "HvG"
    /// Both ways: each side carries a value the other lacks.
    case both
}

/// DPB1 T-cell-epitope assessment (Fleischhauer et al.; TCE groups from IPD-IMGT/HLA).
public enum TCEAssessment: String, Sendable, Codable {
    /// DPB1 has no known or potential allele-level mismatch: nothing to assess.
    case matched
    /// A DPB1 mismatch where the most immunogenic TCE group of each side is the same: permissive.
    case permissive
    /// The unit's most immunogenic TCE group is more immunogenic than the recipient's.
    case nonPermissiveHvG = "non-permissive HvG"
    /// The recipient's most immunogenic TCE group is more immunogenic than the unit's.
    case nonPermissiveGvH = "non-permissive GvH"
    /// No TCE table installed, or a value without a TCE group.
    case unknown
}
