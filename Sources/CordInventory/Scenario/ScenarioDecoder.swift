import CordMatch
import Foundation
import HLA

/// Reads a scenario file strictly: unknown keys, wrong types, a missing inventory or an expectation key used at
/// the wrong level are errors naming the file and line. Row values (units, recipients) are checked later by the
/// importers themselves, so scenario rows get exactly the validation of CSV rows. The files a scenario names
/// (fixture files, a policy file) are resolved through its `ScenarioRoot` and must lie inside it.
public enum ScenarioDecoder {
    static let topKeys = ["schema", "name", "source", "description", "imgt_version", "search_date", "policy",
                          "units", "units_file", "recipients", "recipients_file", "expect"]

    /// Reads and decodes the scenario file at `path`; the files it names must lie inside `root`.
    ///
    /// - Parameters:
    ///   - path: The scenario file.
    ///   - root: The scenario root.
    /// - Returns: The scenario.
    /// - Throws: `ScenarioError` when the file cannot be read, or as `decode(_:file:root:)`.
    public static func load(_ path: String, root: ScenarioRoot) throws(ScenarioError) -> Scenario {
        guard let data = InputFile.contents(path) else {
            throw ScenarioError(file: path, line: 0, reason: "cannot read the file")
        }
        return try decode(Array(data), file: InputFile.name(path), root: root)
    }

    /// Decodes the scenario text `bytes` of the file `file`; the files it names must lie inside `root`.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - file: The file's name, for errors.
    ///   - scenarioRoot: The scenario root.
    /// - Returns: The scenario.
    /// - Throws: `ScenarioError` naming the line when the text is not JSON, the schema is not
    ///   `cordmatch.scenario/1`, a key is unknown, missing or of the wrong type, a value is out of range, or a named
    ///   file is refused by the root.
    public static func decode(_ bytes: [UInt8], file: String, root scenarioRoot: ScenarioRoot) throws(ScenarioError) -> Scenario {
        func fail(_ line: Int, _ reason: String) -> ScenarioError { ScenarioError(file: file, line: line, reason: reason) }
        let root: LocatedJSON
        do { root = try LocatedJSON.parse(bytes) } catch { throw fail(error.line, "not valid JSON: \(error.reason)") }
        guard case .object(let members, _) = root else { throw fail(root.line, "a scenario is a JSON object, found \(root.kind)") }
        let top = try Fields(members, allowed: topKeys, context: "a scenario", file: file)

        let schema = try top.string("schema", required: true)!
        guard schema == Scenario.schema else { throw fail(top.line("schema"), "schema is \"\(InputExcerpt.of(schema))\"; this version reads \"\(Scenario.schema)\"") }
        let name = try top.string("name", required: true)!
        let date: CalendarDate?
        if let text = try top.string("search_date") {
            switch DateField.search.read(text, today: .today()) {
            case .success(let d): date = d
            case .failure(let why): throw fail(top.line("search_date"), "search_date: \(why.reason)")
            }
        } else { date = nil }

        let policy: Scenario.PolicyChoice?
        switch top["policy"] {
        case nil: policy = nil
        case .string(let s, _)?:
            policy = .named(PolicyPresets.named(s) != nil ? s : try reference(s, key: "policy", line: top.line("policy"), file: file, root: scenarioRoot))
        case .object(_, let loc)?:
            do {
                policy = .inline(try PolicyLoader.decode(Data(bytes[loc.bytes]), file: "\(file):\(loc.line): policy"))
            } catch { throw fail(loc.line, "the inline policy is invalid: \(error)") }
        case let other?: throw fail(other.line, "policy is a preset name, a file or a policy object, found \(other.kind)")
        }

        let units = try rows(top, inline: "units", fileKey: "units_file", file: file, root: scenarioRoot)
        let recipients = try rows(top, inline: "recipients", fileKey: "recipients_file", file: file, root: scenarioRoot)

        guard case .array(let entries, let loc)? = top["expect"] else {
            throw fail(top["expect"]?.line ?? root.line, top["expect"] == nil ? "\"expect\" is missing: a scenario checks at least one thing" : "\"expect\" is a list of expectations")
        }
        guard !entries.isEmpty else { throw fail(loc.line, "\"expect\" is empty: a scenario checks at least one thing") }
        let expectations = try entries.map { e throws(ScenarioError) in try expectation(e, file: file) }

        return Scenario(file: file, name: name, source: try top.string("source"), imgtVersion: try top.string("imgt_version"),
                        searchDate: date, policy: policy, units: units, recipients: recipients, expectations: expectations)
    }

    /// The real path of the file a scenario names under `key` (relative to the scenario's folder), through
    /// `root.resolve`: the one check of every file a scenario names.
    static func reference(_ name: String, key: String, line: Int, file: String, root: ScenarioRoot) throws(ScenarioError) -> String {
        do {
            return try root.resolve(name, from: URL(fileURLWithPath: file).deletingLastPathComponent().path)
        } catch {
            throw ScenarioError(file: file, line: line, reason: "\(key) \"\(InputExcerpt.of(name))\" \(error.reason)")
        }
    }

    /// Inline rows (a list of objects whose values are strings or numbers) or a file relative to the scenario.
    static func rows(_ top: Fields, inline: String, fileKey: String, file: String, root: ScenarioRoot) throws(ScenarioError) -> Scenario.Rows {
        switch (top[inline], top[fileKey]) {
        case (nil, nil):
            throw ScenarioError(file: file, line: 1, reason: "the scenario needs \"\(inline)\" (rows) or \"\(fileKey)\" (a fixture file)")
        case (_?, _?):
            throw ScenarioError(file: file, line: top.line(fileKey), reason: "give either \"\(inline)\" or \"\(fileKey)\", not both")
        case (nil, _?):
            return .file(try reference(try top.string(fileKey)!, key: fileKey, line: top.line(fileKey), file: file, root: root))
        case (let value?, nil):
            guard case .array(let list, _) = value else {
                throw ScenarioError(file: file, line: value.line, reason: "\"\(inline)\" is a list of row objects, found \(value.kind)")
            }
            var items: [UnitImporter.Item] = []
            for row in list {
                guard case .object(let members, let loc) = row else {
                    throw ScenarioError(file: file, line: row.line, reason: "each of \"\(inline)\" is an object of column → value, found \(row.kind)")
                }
                var values: [String: String] = [:]
                for m in members {
                    switch m.value {
                    case .string(let s, _): values[m.key] = s.trimmingCharacters(in: .whitespaces)
                    case .number(let text, _, _): values[m.key] = text
                    case .null: values[m.key] = ""
                    default: throw ScenarioError(file: file, line: m.keyLine, reason: "column \(InputExcerpt.of(m.key)): a value is a string or a number, found \(m.value.kind)")
                    }
                }
                items.append(UnitImporter.Item(line: loc.line, values: values))
            }
            return .inline(items)
        }
    }

    static func expectation(_ e: LocatedJSON, file: String) throws(ScenarioError) -> ScenarioExpectation {
        guard case .object(let members, let loc) = e else {
            throw ScenarioError(file: file, line: e.line, reason: "an expectation is an object, found \(e.kind)")
        }
        typealias E = ScenarioExpectation
        let all = ["recipient", "unit", "locus"] + E.recipientKeys + E.unitKeys + E.locusKeys
        let f = try Fields(members, allowed: all, context: "an expectation", file: file)
        let recipient = try f.string("recipient", required: true)!
        let unit = try f.string("unit")
        var locus: MatchLocus?
        if let l = try f.string("locus") {
            guard let m = MatchLocus(rawValue: l.hasPrefix("HLA-") ? String(l.dropFirst(4)) : l) else {
                throw ScenarioError(file: file, line: f.line("locus"), reason: "locus \"\(InputExcerpt.of(l))\" is not a matched locus (\(MatchLocus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            locus = m
        }
        if locus != nil && unit == nil { throw ScenarioError(file: file, line: f.line("locus"), reason: "\"locus\" needs \"unit\"") }
        let level: (keys: [String], name: String) = locus != nil ? (E.locusKeys, "a locus of a unit (with \"locus\")")
            : unit != nil ? (E.unitKeys, "a unit (with \"unit\", no \"locus\")") : (E.recipientKeys, "a recipient (no \"unit\")")
        var checks: [E.Check] = []
        for m in members where !["recipient", "unit", "locus"].contains(m.key) {
            guard level.keys.contains(m.key) else {
                let home = E.recipientKeys.contains(m.key) ? "a recipient (no \"unit\")" : E.locusKeys.contains(m.key) && !E.unitKeys.contains(m.key) ? "a locus (needs \"unit\" and \"locus\")" : "a unit (needs \"unit\")"
                throw ScenarioError(file: file, line: m.keyLine, reason: "\"\(m.key)\" is a check of \(home), not of \(level.name)")
            }
            checks.append(try check(m, locus: locus, f, file: file))
        }
        guard !checks.isEmpty else {
            throw ScenarioError(file: file, line: loc.line, reason: "this expectation checks nothing (keys for \(level.name): \(level.keys.joined(separator: ", ")))")
        }
        return E(line: loc.line, recipient: recipient, unit: unit, locus: locus, checks: checks)
    }

    static func check(_ m: LocatedJSON.Member, locus: MatchLocus?, _ f: Fields, file: String) throws(ScenarioError) -> ScenarioExpectation.Check {
        typealias E = ScenarioExpectation
        func words(_ allowed: [String]?) throws(ScenarioError) -> [String] {
            let l = try f.strings(m.key)
            if let allowed, let bad = l.first(where: { !allowed.contains($0) }) {
                throw ScenarioError(file: file, line: m.keyLine, reason: "\(m.key): \"\(InputExcerpt.of(bad))\" is not one of \(allowed.joined(separator: ", "))")
            }
            return l
        }
        switch m.key {
        case "ranking": return .ranking(try words(nil))
        case "before":
            let l = try words(nil)
            guard l.count >= 2 else { throw ScenarioError(file: file, line: m.keyLine, reason: "before: name at least two units") }
            return .before(l)
        case "double":
            let l = try words(nil)
            guard l.isEmpty || l.count == 2 else { throw ScenarioError(file: file, line: m.keyLine, reason: "double: name two units (or none: no pair expected)") }
            return .double(l)
        case "eligible": return .eligible(try f.bool(m.key))
        case "rank": return .rank(try f.int(m.key, .rank))
        case "reason_contains": return .reasonContains(try f.string(m.key)!)
        case "warning_contains": return .warningContains(try f.string(m.key)!)
        case "grades", "confidence":
            let l = try words(m.key == "grades" ? E.gradeWords : E.confidenceWords)
            guard (1...2).contains(l.count) else { throw ScenarioError(file: file, line: m.keyLine, reason: "\(m.key): one word per recipient position (two, or one for a single typed value)") }
            return m.key == "grades" ? .grades(l) : .confidence(l)
        case "tce":
            let s = try f.string(m.key)!
            guard locus == .DPB1 else { throw ScenarioError(file: file, line: m.keyLine, reason: "tce is checked at locus DPB1 only") }
            guard TCEAssessment(rawValue: s) != nil else {
                throw ScenarioError(file: file, line: m.keyLine, reason: "tce: \"\(InputExcerpt.of(s))\" is not one of matched, permissive, non-permissive GvH, non-permissive HvG, unknown")
            }
            return .tce(s)
        default:
            // x6 … x12 and their potential counts: out of 6 … 12; gvh and hvg: known mismatches.
            let outOf = Int(m.key.dropFirst().prefix { $0.isNumber })
            return .count(m.key, try f.int(m.key, outOf.map { .matches(outOf: $0) } ?? .knownMismatches))
        }
    }

    /// The members of one object, checked against the keys it may have, with typed accessors whose errors name
    /// the key's line.
    struct Fields {
        let members: [String: LocatedJSON.Member]
        let file: String

        init(_ list: [LocatedJSON.Member], allowed: [String], context: String, file: String) throws(ScenarioError) {
            for m in list where !allowed.contains(m.key) {
                throw ScenarioError(file: file, line: m.keyLine, reason: "unknown key \"\(InputExcerpt.of(m.key))\" in \(context) (allowed: \(allowed.joined(separator: ", ")))")
            }
            members = Dictionary(list.map { ($0.key, $0) }) { a, _ in a }
            self.file = file
        }

        subscript(key: String) -> LocatedJSON? { members[key]?.value }
        func line(_ key: String) -> Int { members[key]?.keyLine ?? 0 }

        func wrong(_ key: String, _ what: String) -> ScenarioError {
            ScenarioError(file: file, line: line(key), reason: "\(key) must be \(what), found \(self[key]!.kind)")
        }

        func string(_ key: String, required: Bool = false) throws(ScenarioError) -> String? {
            switch self[key] {
            case nil:
                if required { throw ScenarioError(file: file, line: 1, reason: "\"\(key)\" is missing") }
                return nil
            case .string(let s, _)?: return s
            default: throw wrong(key, "a string")
            }
        }

        func bool(_ key: String) throws(ScenarioError) -> Bool {
            guard case .bool(let b, _)? = self[key] else { throw wrong(key, "true or false") }
            return b
        }

        /// A whole number of `field` (its grammar and range).
        func int(_ key: String, _ field: NumericField) throws(ScenarioError) -> Int {
            guard case .number(let text, _, _)? = self[key] else { throw wrong(key, field.rangeText) }
            switch field.readWhole(text) {
            case .success(let n): return n
            case .failure(let why): throw ScenarioError(file: file, line: line(key), reason: "\(key): \(why.reason)")
            }
        }

        func strings(_ key: String) throws(ScenarioError) -> [String] {
            guard case .array(let l, _)? = self[key] else { throw wrong(key, "a list of strings") }
            var out: [String] = []
            for v in l {
                guard case .string(let s, _) = v else { throw ScenarioError(file: file, line: v.line, reason: "\(key) must list strings, found \(v.kind)") }
                out.append(s)
            }
            return out
        }
    }
}
