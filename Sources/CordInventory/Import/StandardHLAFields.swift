/// The HLA field columns that a unit's GL string renders back to, when the columns were given in their standard
/// form: each DNA value as its fields without the locus (`02:01`, `02:AB`, `02:XX`), each SER value as its number
/// (`2`, `7` at C), the first field of a locus whenever it has a second, no SER value beside a DNA value at the same
/// position, and no `X_HLA_GL`.
///
/// The importer builds a unit's GL string from its field columns (`UnitRowValidator`); for standard columns that
/// GL string says everything the columns said, so the columns are not stored a second time (`UnitRow.hlaFields`
/// is then empty, and they are rendered back from `UnitRow.hla` here). Any other unit keeps its columns verbatim.
/// Inventories are written in the standard form, and the JSON copy of their columns was 40 % of a stored unit.
public enum StandardHLAFields {
    /// One column and its value.
    public typealias Column = (name: String, value: String)

    /// Serologic name prefixes and their loci (`HLAFieldValues.serologyToken` makes `prefix + number`).
    private static let serologyPrefixes: [(prefix: [UInt8], locus: Int)] = UnitCSVLayout.serologyPrefixes.sorted { $0.key < $1.key }
        .map { (Array($0.value.utf8), UnitCSVLayout.loci.firstIndex(of: $0.key)!) }
    /// The loci's names as bytes, in `UnitCSVLayout.loci` order.
    private static let lociBytes = UnitCSVLayout.loci.map { Array($0.utf8) }

    /// A column standard values go to: its name, its JSON member key (`JSONObjectText.key`), and its place in
    /// name order (JSON members are sorted by name).
    private struct Slot {
        let name: String, key: [UInt8], order: Int
    }

    /// The columns of each locus (`UnitCSVLayout.loci` order): DNA field 1 and 2, SER field 1 and 2 (worked out
    /// once: rendering is the hot path of the v7 migration, a million GL strings).
    private static let slots: [[Slot]] = {
        let names = UnitCSVLayout.loci.map { l in [true, false].flatMap { dna in [1, 2].map { UnitCSVLayout.hlaColumn(l, dna: dna, field: $0) } } }
        let order = Dictionary(uniqueKeysWithValues: names.joined().sorted().enumerated().map { ($1, $0) })
        return names.map { $0.map { Slot(name: $0, key: Array(JSONObjectText.key($0).utf8), order: order[$0]!) } }
    }()

    /// The locus (its index in `UnitCSVLayout.loci`), column kind (DNA or SER) and standard value that make the GL
    /// token `bytes[range]`: `A*02:01` → A, DNA, `02:01`; `Cw7` → C, SER, `7`. Nil for a token that no standard
    /// value makes (a GL operator in it, an unknown locus, a serologic name that is not a prefix and a number).
    private static func field(_ bytes: [UInt8], _ range: Range<Int>) -> (locus: Int, dna: Bool, value: Range<Int>)? {
        let token = bytes[range]
        guard !token.isEmpty, !token.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "^") || $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "~") })
        else { return nil }
        if let star = token.firstIndex(of: UInt8(ascii: "*")) {
            let value = star + 1..<range.upperBound
            guard let locus = lociBytes.firstIndex(where: { $0.elementsEqual(bytes[range.lowerBound..<star]) }),
                  !value.isEmpty, !bytes[value].contains(UInt8(ascii: "*")) else { return nil }
            return (locus, true, value)
        }
        for (prefix, locus) in serologyPrefixes where token.starts(with: prefix) {
            let value = range.lowerBound + prefix.count..<range.upperBound
            guard !value.isEmpty, bytes[value].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return (locus, false, value)
        }
        return nil
    }

    /// Whether `value`, given in a DNA (else SER) column of `locus`, is in standard form: the GL token it made is
    /// `token`, and that token renders back to the same column kind and value.
    static func isStandard(_ value: String, locus: String, dna: Bool, token: String) -> Bool {
        let bytes = Array(token.utf8)
        guard let field = field(bytes, 0..<bytes.count) else { return false }
        return UnitCSVLayout.loci[field.locus] == locus && field.dna == dna && bytes[field.value].elementsEqual(value.utf8)
    }

    /// The columns and values, in name order, that the GL string `gl` renders to; nil when `gl` is not what
    /// standard columns make (a token that `field` does not take, more than two values at a locus, a locus in two
    /// places).
    private static func render(_ gl: String) -> [(slot: Slot, value: String)]? {
        let bytes = Array(gl.utf8)
        var columns: [(slot: Slot, value: String)] = []
        var seen = Array(repeating: false, count: lociBytes.count)
        var start = 0
        while start <= bytes.count {
            // The locus group bytes[start..<end], its values separated by `+`.
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "^")) ?? bytes.count
            var locus: Int?, k = 0, from = start
            while from <= end {
                let to = bytes[from..<end].firstIndex(of: UInt8(ascii: "+")) ?? end
                guard k < 2, let field = field(bytes, from..<to), locus == nil || locus == field.locus else { return nil }
                locus = field.locus
                columns.append((slots[field.locus][(field.dna ? 0 : 2) + k], String(decoding: bytes[field.value], as: UTF8.self)))
                k += 1
                from = to + 1
            }
            guard let locus, !seen[locus] else { return nil }
            seen[locus] = true
            start = end + 1
        }
        return columns.sorted { $0.slot.order < $1.slot.order }
    }

    /// The columns, sorted by name, that the GL string `gl` renders to (`HLA_A_DNA_FIELD1`, …); nil when `gl` is
    /// not what standard columns make.
    ///
    /// - Parameter gl: A GL string.
    /// - Returns: The columns and their values, or nil.
    public static func columns(of gl: String) -> [Column]? {
        render(gl)?.map { ($0.slot.name, $0.value) }
    }

    /// The JSON that the importer stores for standard columns given verbatim (`JSONObjectText`, keys sorted): what
    /// a unit imported before standard columns were stored empty holds. Nil when `gl` is not what standard columns make.
    static func json(of gl: String) -> String? {
        var buffer: [UInt8] = []
        return render(gl).map { JSONObjectText.encode($0.lazy.map { (key: $0.slot.key, value: $0.value) }, buffer: &buffer) }
    }
}
