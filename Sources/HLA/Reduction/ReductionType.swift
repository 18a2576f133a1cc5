/// The reduction levels, with py-ard's names and meanings.
public enum ReductionType: String, CaseIterable, Sendable, Codable {
    /// G group: identical nucleotide sequence in the antigen-recognition exons (`A*01:01:01G`).
    case G
    /// P group: identical protein sequence there (`A*01:01P`).
    case P
    /// 2-field form of the G group, with a `g` suffix (`A*01:01g`).
    case lg
    /// 2-field form of the G group (`A*01:01`).
    case lgx
    /// Serologic antigen(s) (`A1`).
    case S
    /// 3-field (exon-level) form (`A*01:01:01`).
    case exon
    /// Every WHO allele name the typing stands for.
    case W
}
