/// The sizes cordmatch accepts in its inputs, checked before anything is parsed or expanded, so that no input can
/// make a parse, a resolution or an import run away or grow memory past a fixed budget. Every limit is far above
/// what real data need (docs/RELIABILITY.md lists each with its reason); an input beyond one is refused with an
/// error that names the limit, never truncated.
public enum InputLimits {
    /// The longest typing text read (a GL string, a typing field, one antibody target): 256 KiB, checked by
    /// `GLString.parse` before it reads a byte. A lab's ambiguity string of 1,000 two-field alternatives at each of
    /// the 12 positions of six loci is about 160 KiB; the largest XX code written out in full names (`C*07:XX`,
    /// 1,994 alleles in IPD-IMGT/HLA 3.58.0, 21.7 KB) fits at all 12 positions (261 KB). A typing of this size
    /// naming every XX code, antigen and name of each locus is checked in 0.4 s at a 72 MB process peak (56 MB for
    /// a one-name typing), every name expanded for the first time.
    public static let typingBytes = 256 * 1024

    /// The most alternatives one position may list (`A*02:01/A*02:02/…`, genotype alternatives `|` counted
    /// together), checked before any name is looked up: 2.5 × the largest XX code written out in full (1,994 in
    /// 3.58.0, 1,947 in 3.56.0). A list of every 2-field name of a locus (B: 6,427) is refused: it says "untyped".
    public static let alternativesPerPosition = 5_000

    /// The most WHO alleles the alternatives of one position may stand for together, counted alternative by
    /// alternative as written (duplicates included) and refused at the first one past the limit, before any
    /// union is built: ~20 × the largest locus (B: 10,183 alleles in 3.58.0), ~95 × the largest single name
    /// (`C*10:XX`: 2,099). Repeating a name a hundred times is what reaches it (`A2/A2/…`, which made matching
    /// run for minutes before the limit).
    public static let allelesPerPosition = 200_000

    /// The longest field of an input record (a CSV field, the text of an XML element, a JSON string).
    public static let fieldBytes = 256 * 1024

    /// The deepest nesting of elements an XML input may have: 32 (a WMDA inventory nests 8 deep, `INVENTORIES`
    /// to `FIELD1` of the mother's HLA).
    public static let xmlDepth = 32

    /// The longest XML element or attribute name (its namespace prefix included), and the longest column name an
    /// element path below `<CBU>` becomes (`HLA_A_DNA_FIELD1`; the longest the importer knows has 23 bytes): 256
    /// bytes.
    public static let xmlNameBytes = 256

    /// How much of a rejected input an error message repeats (longer inputs are cut, with the length said).
    public static let echoedBytes = 80

    /// The largest request body the server reads (a JSON search, a form post): 64 KiB — an ad-hoc search's typing
    /// of ~16 KiB and its antibodies fit several times over; a larger body is refused before it is parsed.
    public static let requestBytes = 64 * 1024

    /// The most units one comparison may name.
    public static let comparedUnits = 20

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
