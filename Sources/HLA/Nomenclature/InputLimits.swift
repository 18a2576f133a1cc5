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
}
