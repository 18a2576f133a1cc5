import CordMatch
import HLA

/// The rules for one unit record (`docs/FORMATS.md`): every field checked, every problem named by column, and
/// the valid record turned into a `UnitRow`, with its typing as value numbers for the search index. One validator
/// per thread (its `HLAFieldValues.Cache` and `GLAlleleLists.Cache` are its own).
struct UnitRowValidator {
    let file: String
    private var hla: HLAFieldValues.Cache
    /// The GL strings' allele lists resolved so far.
    private var lists: GLAlleleLists.Cache
    /// The release's version (this validator's own copy: see `UnitRecordPlan`).
    private let version: String
    /// The plan of the last layout validated.
    private var plan: UnitRecordPlan?
    /// Working space for the JSON columns and the GL string.
    private var buffer: [UInt8] = []
    /// Today (UTC) when the validator was made: dates of what has happened may not be later.
    private let today: CalendarDate

    init(file: String, values: HLAFieldValues, lists: GLAlleleLists, today: CalendarDate = .today()) {
        self.file = UnitRecordPlan.own(file)
        self.today = today
        hla = HLAFieldValues.Cache(values)
        self.lists = GLAlleleLists.Cache(lists)
        version = UnitRecordPlan.own(values.resolver.data.version)
    }

    /// A validated record: the row when it is valid, its problems, and the numbers of its typing's twelve
    /// positions (`ResolvedUnitTypings`), nil when the typing does not resolve as a whole.
    struct Outcome: Sendable {
        let line: Int
        let row: UnitRow?
        let issues: [ImportIssue]
        let positions: [UInt32]?
    }

    mutating func validate(_ v: [String], layout l: UnitRecordLayout, line: Int) -> Outcome {
        if plan?.layout !== l { plan = UnitRecordPlan(l) }
        let p = plan!
        var issues: [ImportIssue] = []
        let file = file
        func issue(_ column: String, _ reason: String) { issues.append(ImportIssue(file: file, line: line, column: column, reason: reason)) }
        func value<T>(_ column: String, _ outcome: FieldParsers.Outcome<T>) -> T? {
            switch outcome {
            case .value(let x): return x
            case .absent: return nil
            case .invalid(let why): issue(column, why); return nil
            }
        }
        let s = { (at: Int?) in at.map { v[$0] } ?? "" }
        let id = s(l.id)
        if id.isEmpty { issue("ID", "required") } else if !Self.isUnitID(id) {
            issue("ID", "'\(InputExcerpt.of(id))' is not a unit ID (at most 17 characters, no spaces or control characters)")
        }
        let status = value("STATUS", FieldParsers.code(s(l.status), p.statuses)).flatMap(CordUnit.Status.init(rawValue:))
        if s(l.status).isEmpty { issue("STATUS", "required (AV, TU, RE or DE)") }
        let birth = value("BIRTH_DATE", FieldParsers.date(s(l.birthDate), .unitBirth, today: today))
        if s(l.birthDate).isEmpty { issue("BIRTH_DATE", "required (YYYY-MM-DD)") }
        let reason = value("STAT_REASON", FieldParsers.code(s(l.statReason), p.statReasons))
        let tnc = value("TNC", FieldParsers.number(s(l.tnc), .unitTNC))
        let cd34 = value("CD34PC", FieldParsers.number(s(l.cd34), .unitCD34))
        let vol = value("VOL", FieldParsers.number(s(l.volume), .unitVolume))
        let coll = value("COLL_DATE", FieldParsers.date(s(l.collectionDate), .unitCollection, today: today))
        let prod = value("PROD_MOD", FieldParsers.code(s(l.productModification), p.prodMods))
        let abo = value("ABO", FieldParsers.code(s(l.abo), p.abo))
        let rh = value("RHESUS", FieldParsers.code(s(l.rhesus), p.rhesus))
        let ethn = value("ETHN", FieldParsers.code(s(l.ethnicity), p.ethnicities))
        let population = value("POPULATION", FieldParsers.population(s(l.population)))
        let seg = value("ATT_SEG", FieldParsers.integer(s(l.attachedSegments), .attachedSegments))
        let accredited = value("X_ACCREDITED", FieldParsers.code(s(l.accredited), p.yesNo)).map { $0 == "Y" }
        _ = value("SEX", FieldParsers.code(s(l.sex), p.sexes))
        for c in p.otherDates { _ = value(c.name, FieldParsers.date(v[c.at], c.field, today: today)) }
        for c in p.otherNumbers { _ = value(c.name, FieldParsers.number(v[c.at], c.field)) }
        let release = s(l.hlaRelease)
        if !release.isEmpty, release != version {
            issue("X_HLA_DB_VERSION", "typed against IPD-IMGT/HLA \(InputExcerpt.of(release)); this database uses \(version) (cordmatch data use \(InputExcerpt.of(release)) to switch)")
        }

        let gl = s(l.hlaGL)
        let hla = typing(v, p.typing, columns: l.typing, gl: gl, required: true, issue)
        let maternal = typing(v, p.maternalTyping, columns: l.maternalTyping, gl: "", required: false, issue)
        guard issues.isEmpty, let status, birth != nil, let hla else { return Outcome(line: line, row: nil, issues: issues, positions: nil) }

        // Standard HLA columns are what the GL string renders back to: not stored a second time.
        let bank = s(l.bank), hlaFields = hla.standard ? "" : json(p.hlaFields, v), extra = json(p.extra, v)
        let row = UnitRow(id: id, bank: bank.isEmpty ? nil : bank, pool: nil, status: status, statReason: reason, hla: hla.gl,
                          hlaFields: hlaFields, release: version, tnc: tnc, cd34: cd34, volume: vol,
                          collectionDate: coll.map { _ in s(l.collectionDate) }, birthDate: s(l.birthDate), productModification: prod, abo: abo,
                          rhesus: rh, ethnicity: ethn, population: population, attachedSegments: seg, accredited: accredited, maternalHLA: maternal?.gl,
                          extra: extra)
        return Outcome(line: line, row: row, issues: issues, positions: hla.positions)
    }

    /// The typing of a record as a GL string: `X_HLA_GL` when given, else built from the SER/DNA field columns
    /// (DNA wins over SER for a position; one value at a locus means homozygous). Each value is checked against
    /// the release, so an error names its column. With it, the numbers of the typing's twelve positions as
    /// `TypingResolver.resolve` gives them for that GL string (nil when it does not resolve), and whether the
    /// columns are standard (`StandardHLAFields`: the GL string renders back to them).
    private mutating func typing(_ v: [String], _ loci: [UnitRecordPlan.Locus], columns t: UnitRecordLayout.Typing, gl: String,
                                 required: Bool, _ issue: (String, String) -> Void) -> (gl: String, positions: [UInt32]?, standard: Bool)? {
        if !gl.isEmpty {
            do { return (gl, try lists.positions(of: gl, numbering: &hla), false) } catch { issue("X_HLA_GL", "\(error)"); return nil }
        }
        // The GL string's bytes (made into a string once, at the end).
        buffer.removeAll(keepingCapacity: true)
        var numbers = Array(repeating: hla.untyped, count: ResolvedUnitTypings.positionsPerUnit)
        var plain = true, standard = true
        var ok = true
        for (n, locus) in loci.enumerated() {
            var count = 0
            for k in 0..<2 {
                let f = k == 0 ? locus.first : locus.second
                let dna = f.dnaAt >= 0 ? v[f.dnaAt] : "", ser = f.serAt >= 0 ? v[f.serAt] : ""
                let isDNA = !dna.isEmpty
                let value = isDNA ? dna : ser
                if value.isEmpty { continue }
                // A SER value under a DNA value, or a second field without a first, is not rendered back.
                if isDNA && !ser.isEmpty || k > count { standard = false }
                switch hla.field(value, locus: n, dna: isDNA) {
                case .invalid(let why):
                    let column = t.loci[n].fields[k]
                    issue(isDNA ? column.dna : column.ser, why)
                    ok = false
                case .valid(let token, let number, let isPlain, let isStandard):
                    // Loci joined by `^`, the two values of a locus by `+`.
                    if count > 0 { buffer.append(UInt8(ascii: "+")) } else if !buffer.isEmpty { buffer.append(UInt8(ascii: "^")) }
                    buffer += token.utf8
                    plain = plain && isPlain
                    standard = standard && isStandard
                    if let number, locus.scored >= 0 { numbers[2 * locus.scored + count] = number }
                }
                count += 1
            }
            if locus.scored >= 0, count == 1 { numbers[2 * locus.scored + 1] = numbers[2 * locus.scored] }
            if required && count == 0 && locus.required {
                issue(t.loci[n].column, "A, B and DRB1 need a SER or DNA value"); ok = false
            }
        }
        guard ok, !buffer.isEmpty else { return nil }
        let text = String(decoding: buffer, as: UTF8.self)
        guard required else { return (text, nil, standard) }
        // Tokens that are single allele lists resolve inside the GL string exactly as they did alone (one value
        // at a locus: homozygous; a locus without values: untyped).
        guard plain else { return (text, try? lists.positions(of: text, numbering: &hla), standard) }
        return (text, numbers, standard)
    }

    /// At most 17 characters and no white space (decided on the bytes when they are ASCII).
    static func isUnitID(_ id: String) -> Bool {
        let bytes = id.utf8
        if bytes.count <= 17 && bytes.allSatisfy({ $0 < 0x80 }) {
            return !bytes.contains { $0 <= UInt8(ascii: " ") || $0 == 0x7F }
        }
        return id.count <= 17 && !id.contains(where: { $0.isWhitespace }) && !Self.hasControlCharacter(id)
    }

    /// True when `text` holds a C0 or C1 control character or DEL (never part of an identifier: it would reach
    /// reports and terminals as it is).
    static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// The non-empty values of `columns` as a JSON object.
    private mutating func json(_ columns: [(at: Int, key: [UInt8])], _ v: [String]) -> String {
        JSONObjectText.encode(columns.lazy.filter { !v[$0.at].isEmpty }.map { (key: $0.key, value: v[$0.at]) }, buffer: &buffer)
    }
}
