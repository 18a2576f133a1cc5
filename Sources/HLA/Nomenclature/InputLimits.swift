/// The sizes cordmatch accepts in its inputs, checked before anything is parsed or expanded, so that no input can
/// make a parse, a resolution or an import run away or grow memory past a fixed budget. Every limit is far above
/// what real data need (docs/RELIABILITY.md lists each with its reason); an input beyond one is refused with an
/// error that names the limit, never truncated.
public enum InputLimits {
    /// The longest typing text read (a GL string, a typing field, an antibody list): 256 KiB — a lab's ambiguity
    /// string of 1,000 alternatives at every position of six loci is about 160 KiB.
    public static let typingBytes = 256 * 1024

    /// The most alternatives one position may list (`A*02:01/A*02:02/…`, genotype alternatives `|` included).
    public static let alternativesPerPosition = 5_000

    /// The most WHO alleles the alternatives of one position may stand for together, counted before duplicates
    /// are dropped (an XX code stands for up to ~2,000 alleles, a whole locus for ~10,000).
    public static let allelesPerPosition = 200_000

    /// The longest field of an input record (a CSV field, the text of an XML element, a JSON string).
    public static let fieldBytes = 256 * 1024

    /// How much of a rejected input an error message repeats (longer inputs are cut, with the length said).
    public static let echoedBytes = 80

    /// The largest haplotype frequency set file read: 512 MiB — the largest published sets (NMDP's US registry
    /// sets, Atlas's largest known set of ~300,000 haplotypes) are 10–60 MB as text.
    public static let haplotypeSetBytes = 512 * 1024 * 1024

    /// The most haplotypes one frequency set may hold: 2,000,000 (about seven times the largest known set).
    public static let haplotypesPerSet = 2_000_000

    /// The most diplotypes kept for one imputed typing, the most likely first; the probability of the rest is
    /// reported as dropped. Atlas keeps 2,000 (its MatchPrediction ADR "Ambiguous Genotype Approximation"),
    /// which bounds the pairs a match probability sums over to 2,000 × 2,000.
    public static let imputedDiplotypes = 2_000

    /// The most problems a refused haplotype frequency set reports (the first ones, by line).
    public static let reportedSetProblems = 50
}
