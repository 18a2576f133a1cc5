import Foundation
import HLA

/// Reads and writes policy files (JSON). Unknown keys are errors (a misspelt key must not silently fall back to a
/// default), and so are values that make no sense; every error names the key path. The file is read by
/// `LocatedJSON` (UTF-8, no NUL), and every number goes through the grammar and range of its `NumericField`
/// (`numberFields`): `centre.json: hla_floor.min_x8: 1e300 is not a whole number from 0 to 8`.
public enum PolicyLoader {
    /// Reads a policy file.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The file's name, for error messages.
    /// - Returns: The policy, every key known, every number in its range and the rules between keys held.
    /// - Throws: `PolicyError` naming the key path when the bytes are not a JSON object, a key is unknown or
    ///   missing, a value has the wrong type, a number is outside its field's grammar or range, or a rule between
    ///   keys is broken (a `tnc_steps` table without a step at 0, a ranking that does not end with `unit_id` …).
    public static func decode(_ data: Data, file: String) throws -> SelectionPolicy {
        let root: LocatedJSON
        do { root = try LocatedJSON.parse(Array(data)) } catch {
            throw PolicyError(file: file, path: "", reason: "not valid JSON (line \(error.line)): \(error.reason)")
        }
        guard case .object = root else { throw PolicyError(file: file, path: "", reason: "a policy is a JSON object, found \(root.kind)") }
        let object = plain(root)
        try checkKeys(object, against: allowedShape(), path: "", file: file)
        try checkNumbers(root, path: "", file: file)
        let policy: SelectionPolicy
        do {
            // The numbers checked, the document as Foundation writes it (each number in the form its type reads).
            policy = try decoder.decode(SelectionPolicy.self, from: try JSONSerialization.data(withJSONObject: object))
        } catch let e as DecodingError {
            throw PolicyError(file: file, path: e.keyPath, reason: e.reason)
        }
        try checkRules(policy, file: file)
        return policy
    }

    /// Checks a policy made in code as a policy file is checked: every number against its range, and the rules
    /// between keys. Presets pass.
    ///
    /// - Parameters:
    ///   - p: The policy.
    ///   - file: The name error messages give the policy.
    /// - Throws: `PolicyError`, as `decode(_:file:)` does for a number out of range or a broken rule, or when a
    ///   number is not finite.
    public static func validate(_ p: SelectionPolicy, file: String = "policy") throws {
        let data: Data
        do { data = try JSONEncoder().encode(p) } catch {
            throw PolicyError(file: file, path: "", reason: "a number is not finite (\(error))")
        }
        try checkNumbers(try LocatedJSON.parse(Array(data)), path: "", file: file)
        try checkRules(p, file: file)
    }

    /// The field of every number a policy holds, by key path (`[]` for any index of a list).
    static let numberFields: [String: NumericField] = [
        "hla_floor.min_x6": .matches(outOf: 6),
        "hla_floor.min_x8": .matches(outOf: 8),
        "dose.tnc_steps[].min_x8_matches": .matches(outOf: 8),
        "dose.tnc_steps[].tnc_per_kg.value": .tncDosePerKg,
        "dose.cd34_per_kg.value": .cd34DosePerKg,
        "antibodies.exclude_at_mfi": .antibodyMFI,
        "antibodies.warn_at_mfi": .antibodyMFI,
        "quality[].years": .unitAgeYears,
        "double_units.per_unit_tnc_per_kg.value": .tncDosePerKg,
        "double_units.per_unit_cd34_per_kg.value": .cd34DosePerKg,
        "double_units.combined_tnc_per_kg.value": .tncDosePerKg,
        "double_units.min_unit_to_unit_x8": .matches(outOf: 8),
    ]

    /// Reads every number of the document through its field; a number where none is expected is left to the
    /// decoder (which names the type it expected).
    private static func checkNumbers(_ value: LocatedJSON, path: String, file: String, pattern: String = "") throws {
        switch value {
        case .object(let members, _):
            for m in members {
                try checkNumbers(m.value, path: path.isEmpty ? m.key : "\(path).\(m.key)", file: file,
                                 pattern: pattern.isEmpty ? m.key : "\(pattern).\(m.key)")
            }
        case .array(let elements, _):
            for (i, e) in elements.enumerated() { try checkNumbers(e, path: "\(path)[\(i)]", file: file, pattern: "\(pattern)[]") }
        case .number(let text, _, _):
            guard let field = numberFields[pattern] else { return }
            if case .failure(let why) = field.read(text) { throw PolicyError(file: file, path: path, reason: why.reason) }
        default: return
        }
    }

    /// A document as `JSONSerialization` gives it: objects, arrays, strings, numbers (`Int` when whole), booleans,
    /// `NSNull`.
    private static func plain(_ value: LocatedJSON) -> Any {
        switch value {
        case .object(let members, _): return Dictionary(members.map { ($0.key, plain($0.value)) }) { a, _ in a }
        case .array(let elements, _): return elements.map(plain)
        case .string(let s, _): return s
        case .number(let text, let d, _): return DecimalNumber.wholeValue(of: text).map { $0 as Any } ?? d
        case .bool(let b, _): return b
        case .null: return NSNull()
        }
    }

    /// A policy as a policy file: JSON, pretty-printed with sorted keys; `decode(_:file:)` reads it back as the same
    /// policy.
    ///
    /// - Parameter p: The policy.
    /// - Returns: The JSON text (what `cordmatch policy show` prints).
    public static func encode(_ p: SelectionPolicy) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! e.encode(p), as: UTF8.self)
    }

    static let decoder = JSONDecoder()

    /// The keys a policy file may use: those of the presets as encoded, plus optional keys the presets leave unset.
    static func allowedShape() -> Any {
        let all = PolicyPresets.names.compactMap(PolicyPresets.named).map { try! JSONSerialization.jsonObject(with: Data(encode($0).utf8)) }
        return all.dropFirst().reduce(all[0]) { merge($0, $1) }
    }

    /// Optional keys that no preset sets (JSON encoding omits them), by the object that holds them.
    static let optionalKeys: [String: Set<String>] = ["double_units": ["min_unit_to_unit_x8"]]

    private static func merge(_ a: Any, _ b: Any) -> Any {
        if let x = a as? [String: Any], let y = b as? [String: Any] {
            return x.merging(y) { merge($0, $1) }
        }
        if let x = a as? [Any], let y = b as? [Any] {
            let elements = (x + y).filter { $0 is [String: Any] }
            return elements.isEmpty ? x : [elements.dropFirst().reduce(elements[0]) { merge($0, $1) }]
        }
        return a
    }

    private static func checkKeys(_ value: Any, against shape: Any, path: String, file: String) throws {
        if let obj = value as? [String: Any], let allowed = shape as? [String: Any] {
            for (k, v) in obj {
                let p = path.isEmpty ? k : "\(path).\(k)"
                guard let sub = allowed[k] ?? (optionalKeys[path]?.contains(k) == true ? NSNull() : nil) else {
                    throw PolicyError(file: file, path: path.isEmpty ? InputExcerpt.of(k) : "\(path).\(InputExcerpt.of(k))", reason: "unknown key (allowed here: \(allowed.keys.sorted().joined(separator: ", ")))")
                }
                try checkKeys(v, against: sub, path: p, file: file)
            }
        } else if let arr = value as? [Any], let template = (shape as? [Any])?.first {
            for (i, v) in arr.enumerated() { try checkKeys(v, against: template, path: "\(path)[\(i)]", file: file) }
        }
    }

    /// The rules between keys (the ranges of single numbers are `numberFields`'s).
    private static func checkRules(_ p: SelectionPolicy, file: String) throws {
        func fail(_ path: String, _ why: String) -> PolicyError { PolicyError(file: file, path: path, reason: why) }
        guard p.schema == SelectionPolicy.schemaName else { throw fail("schema", "expected \"\(SelectionPolicy.schemaName)\"") }
        guard !p.name.isEmpty else { throw fail("name", "must not be empty") }
        guard !p.dose.tncSteps.isEmpty else { throw fail("dose.tnc_steps", "needs at least one step") }
        guard p.dose.tncSteps.contains(where: { $0.minX8Matches == 0 }) else {
            throw fail("dose.tnc_steps", "one step must have min_x8_matches 0, so that every unit has a dose requirement")
        }
        guard p.antibodies.excludeAtMFI > 0, p.antibodies.warnAtMFI >= 0, p.antibodies.warnAtMFI <= p.antibodies.excludeAtMFI else {
            throw fail("antibodies", "need 0 ≤ warn_at_mfi ≤ exclude_at_mfi and exclude_at_mfi > 0")
        }
        for (i, q) in p.quality.enumerated() where q.rule == .maxAgeYears && q.years == nil {
            throw fail("quality[\(i)].years", "max_age_years needs a positive 'years'")
        }
        guard p.ranking.last == .unitID, Set(p.ranking).count == p.ranking.count else {
            throw fail("ranking", "keys must be distinct and end with \"unit_id\" (identical inputs must give identical order)")
        }
    }
}

/// A policy file problem: file, key path and reason.
public struct PolicyError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The policy file (or the name that was not found), the key path of the problem (empty for the whole file), and
    /// what is wrong, in words.
    public let file: String, path: String, reason: String

    /// - Parameters:
    ///   - file: the policy file (or the name that was not found).
    ///   - path: the key path of the problem, empty for the whole file.
    ///   - reason: what is wrong, in words.
    public init(file: String, path: String, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }
    /// `<file>: <path>: <reason>`, or `<file>: <reason>` for the whole file.
    public var description: String { path.isEmpty ? "\(file): \(reason)" : "\(file): \(path): \(reason)" }
}

extension DecodingError {
    var keyPath: String {
        let ctx: Context
        switch self {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): ctx = c
        @unknown default: return ""
        }
        var path = ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
        if case .keyNotFound(let k, _) = self { path += (path.isEmpty ? "" : ".") + k.stringValue }
        return path
    }

    var reason: String {
        switch self {
        case .typeMismatch(let t, _): return "expected \(t)"
        case .valueNotFound(let t, _): return "missing value of type \(t)"
        case .keyNotFound: return "missing key"
        case .dataCorrupted(let c): return InputExcerpt.of(c.debugDescription)
        @unknown default: return "invalid"
        }
    }
}
