import Foundation

/// Reads and writes policy files (JSON). Unknown keys are errors (a misspelt key must not silently fall back to a
/// default), and so are values that make no sense; every error names the key path.
public enum PolicyLoader {
    /// A preset name, or the path of a JSON policy file.
    public static func load(_ nameOrPath: String) throws -> SelectionPolicy {
        if let preset = PolicyPresets.named(nameOrPath) { return preset }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw PolicyError(file: nameOrPath, path: "", reason: "no such preset (\(PolicyPresets.names.joined(separator: ", "))) or file")
        }
        return try decode(data, file: nameOrPath)
    }

    public static func decode(_ data: Data, file: String) throws -> SelectionPolicy {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw PolicyError(file: file, path: "", reason: "not valid JSON: \(error.localizedDescription) \(describe(error))")
        }
        try checkKeys(object, against: allowedShape(), path: "", file: file)
        let policy: SelectionPolicy
        do {
            policy = try decoder.decode(SelectionPolicy.self, from: data)
        } catch let e as DecodingError {
            throw PolicyError(file: file, path: e.keyPath, reason: e.reason)
        }
        try validate(policy, file: file)
        return policy
    }

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
                    throw PolicyError(file: file, path: p, reason: "unknown key (allowed here: \(allowed.keys.sorted().joined(separator: ", ")))")
                }
                try checkKeys(v, against: sub, path: p, file: file)
            }
        } else if let arr = value as? [Any], let template = (shape as? [Any])?.first {
            for (i, v) in arr.enumerated() { try checkKeys(v, against: template, path: "\(path)[\(i)]", file: file) }
        }
    }

    private static func validate(_ p: SelectionPolicy, file: String) throws {
        func fail(_ path: String, _ why: String) -> PolicyError { PolicyError(file: file, path: path, reason: why) }
        guard p.schema == SelectionPolicy.schemaName else { throw fail("schema", "expected \"\(SelectionPolicy.schemaName)\"") }
        guard !p.name.isEmpty else { throw fail("name", "must not be empty") }
        guard (0...6).contains(p.hlaFloor.minX6) else { throw fail("hla_floor.min_x6", "must be 0 to 6") }
        guard (0...8).contains(p.hlaFloor.minX8) else { throw fail("hla_floor.min_x8", "must be 0 to 8") }
        guard !p.dose.tncSteps.isEmpty else { throw fail("dose.tnc_steps", "needs at least one step") }
        for (i, s) in p.dose.tncSteps.enumerated() {
            guard (0...8).contains(s.minX8Matches) else { throw fail("dose.tnc_steps[\(i)].min_x8_matches", "must be 0 to 8") }
            guard s.tncPerKg.value >= 0 else { throw fail("dose.tnc_steps[\(i)].tnc_per_kg.value", "must not be negative") }
        }
        guard p.dose.tncSteps.contains(where: { $0.minX8Matches == 0 }) else {
            throw fail("dose.tnc_steps", "one step must have min_x8_matches 0, so that every unit has a dose requirement")
        }
        guard p.antibodies.excludeAtMFI > 0, p.antibodies.warnAtMFI >= 0, p.antibodies.warnAtMFI <= p.antibodies.excludeAtMFI else {
            throw fail("antibodies", "need 0 ≤ warn_at_mfi ≤ exclude_at_mfi and exclude_at_mfi > 0")
        }
        for (i, q) in p.quality.enumerated() where q.rule == .maxAgeYears && (q.years ?? 0) <= 0 {
            throw fail("quality[\(i)].years", "max_age_years needs a positive 'years'")
        }
        guard p.ranking.last == .unitID, Set(p.ranking).count == p.ranking.count else {
            throw fail("ranking", "keys must be distinct and end with \"unit_id\" (identical inputs must give identical order)")
        }
    }

    private static func describe(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String).map { "(\($0))" } ?? ""
    }
}

/// A policy file problem: file, key path and reason.
public struct PolicyError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String, path: String, reason: String
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
        case .dataCorrupted(let c): return c.debugDescription
        @unknown default: return "invalid"
        }
    }
}
