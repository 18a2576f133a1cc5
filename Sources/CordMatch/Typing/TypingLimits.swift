import HLA

/// The refusals of the typing limits (`InputLimits.alternativesPerPosition`, `InputLimits.allelesPerPosition`),
/// worded once for `TypingStructure` and `TypingResolver`.
enum TypingLimits {
    /// A position that lists more alternatives than are read.
    static func tooManyAlternatives(_ count: Int, position: Int?, locus: String) -> String {
        "\(place(position, locus)) lists \(LimitMessage.grouped(count)) alternatives; "
            + LimitMessage.atMost(InputLimits.alternativesPerPosition, "alternatives")
    }

    /// A position whose alternatives stand for more WHO alleles than are read (counted over the alternatives as
    /// written, before duplicates are dropped; counting stops at the first alternative past the limit).
    static func tooManyAlleles(position: Int?, locus: String) -> String {
        "\(place(position, locus)) stands for more than \(LimitMessage.grouped(InputLimits.allelesPerPosition)) alleles "
            + "(counted over its alternatives as written); "
            + LimitMessage.atMost(InputLimits.allelesPerPosition, "alleles")
    }

    private static func place(_ position: Int?, _ locus: String) -> String {
        position.map { "position \($0) of \(locus)" } ?? "the value of \(locus)"
    }
}
