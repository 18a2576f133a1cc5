import Foundation
import Testing
import CordMatch

/// Every number of a policy file goes through the number grammar and its range, with the key path in the message;
/// the file is UTF-8 JSON read with line numbers.
@Suite struct PolicyValuesTests {
    /// The malignant preset in its file form with the value at `path` written as `raw` (any text, also one that
    /// JSON writers cannot produce, such as `1e300`).
    static func policy(_ path: [Any], raw: String) throws -> String {
        var object = try JSONSerialization.jsonObject(with: Data(PolicyLoader.encode(PolicyPresets.malignant).utf8))
        func set(_ value: Any, _ path: ArraySlice<Any>) -> Any {
            guard let key = path.first else { return "@@RAW@@" }
            if let k = key as? String, var o = value as? [String: Any] { o[k] = set(o[k] as Any, path.dropFirst()); return o }
            if let i = key as? Int, var a = value as? [Any] { a[i] = set(a[i], path.dropFirst()); return a }
            return value
        }
        object = set(object, path[...])
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self)
        return text.replacingOccurrences(of: "\"@@RAW@@\"", with: raw)
    }

    static func error(_ text: String) -> String? {
        do { _ = try PolicyLoader.decode(Data(text.utf8), file: "centre.json"); return nil } catch { return "\(error)" }
    }

    @Test func aHugeMatchCountIsAKeyPathErrorNotInvalidJSON() throws {
        #expect(Self.error(try Self.policy(["hla_floor", "min_x8"], raw: "1e300")) == "centre.json: hla_floor.min_x8: 1e300 is not a whole number from 0 to 8")
    }

    @Test func aNegativeCD34DoseIsRefused() throws {
        let e = Self.error(try Self.policy(["dose", "cd34_per_kg", "value"], raw: "-1"))
        #expect(e?.hasPrefix("centre.json: dose.cd34_per_kg.value: -1 is outside the plausible range of a CD34+ dose, 0 to 100") == true, "\(e ?? "accepted")")
    }

    /// Each numeric key refuses values outside its range and keeps its good values.
    @Test func everyNumericKeyHasItsRange() throws {
        let cases: [(path: [Any], name: String, good: [String], bad: [String])] = [
            (["hla_floor", "min_x6"], "hla_floor.min_x6", ["0", "6"], ["7", "-1", "4.0", "1e300"]),
            (["hla_floor", "min_x8"], "hla_floor.min_x8", ["0", "8"], ["9", "-1", "4.5"]),
            (["dose", "tnc_steps", 0, "min_x8_matches"], "dose.tnc_steps[0].min_x8_matches", ["0"], ["9", "-1", "0.0"]),
            (["dose", "tnc_steps", 0, "tnc_per_kg", "value"], "dose.tnc_steps[0].tnc_per_kg.value", ["0", "2.5", "100"], ["-1", "-0", "3e7", "1e-320", "1e400"]),
            (["dose", "cd34_per_kg", "value"], "dose.cd34_per_kg.value", ["0", "1.5"], ["-1", "1.5e5", "101"]),
            (["antibodies", "exclude_at_mfi"], "antibodies.exclude_at_mfi", ["1000", "100000"], ["-1", "100001", "1e-320"]),
            (["antibodies", "warn_at_mfi"], "antibodies.warn_at_mfi", ["0", "500"], ["-500", "1e9"]),
            (["double_units", "per_unit_tnc_per_kg", "value"], "double_units.per_unit_tnc_per_kg.value", ["1.5"], ["-1", "1.5e7"]),
            (["double_units", "per_unit_cd34_per_kg", "value"], "double_units.per_unit_cd34_per_kg.value", ["1.0"], ["-1", "1e5"]),
            (["double_units", "combined_tnc_per_kg", "value"], "double_units.combined_tnc_per_kg.value", ["3.5"], ["-3.5", "3.5e7"]),
            (["double_units", "min_unit_to_unit_x8"], "double_units.min_unit_to_unit_x8", ["0", "8"], ["9", "-1", "8e0"]),
        ]
        for c in cases {
            for raw in c.good { #expect(Self.error(try Self.policy(c.path, raw: raw)) == nil, "\(c.name) \(raw)") }
            for raw in c.bad {
                let e = Self.error(try Self.policy(c.path, raw: raw))
                #expect(e?.hasPrefix("centre.json: \(c.name): \(raw) is ") == true, "\(c.name) \(raw): \(e ?? "accepted")")
            }
        }
        let years = Self.error(try Self.policy(["quality", 3, "years"], raw: "0"))
        #expect(years == "centre.json: quality[3].years: 0 is not a whole number from 1 to 50", "\(years ?? "accepted")")
    }

    /// No number of the presets escapes the table: each one, made absurd, is refused with its own key path.
    @Test func everyNumberOfThePresetsIsChecked() throws {
        let text = PolicyLoader.encode(PolicyPresets.nonMalignant)
        let pattern = try NSRegularExpression(pattern: "(: )(-?[0-9][0-9.eE+-]*)")
        let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        #expect(matches.count >= 11)
        for m in matches {
            let r = Range(m.range(at: 2), in: text)!
            let edited = text.replacingCharacters(in: r, with: "1e300")
            let e = Self.error(edited)
            #expect(e?.contains(": 1e300 is ") == true, "the number at \(text[..<r.lowerBound].suffix(40).debugDescription): \(e ?? "accepted")")
        }
    }

    @Test func textProblemsNameTheLine() throws {
        let good = PolicyLoader.encode(PolicyPresets.malignant)
        let nameLine = good.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"name\"") }! + 1
        func withName(_ bytes: [UInt8]) -> Data {
            Data(good.utf8).replacing(Data("\"malignant\"".utf8), with: Data([UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\"")]), maxReplacements: 1)
        }
        for (bytes, why) in [([0x6D, 0x00, 0x6C] as [UInt8], "NUL"), ([0x6D, 0xE9, 0x6C], "not valid UTF-8")] {
            do {
                _ = try PolicyLoader.decode(withName(bytes), file: "centre.json")
                Issue.record("accepted a name with \(why)")
            } catch {
                #expect("\(error)".hasPrefix("centre.json: not valid JSON (line \(nameLine)): ") && "\(error)".contains(why), "\(error)")
            }
        }
        // A UTF-8 byte-order mark is read; a UTF-16 file is refused.
        #expect(throws: Never.self) { try PolicyLoader.decode(Data([0xEF, 0xBB, 0xBF]) + Data(good.utf8), file: "centre.json") }
        #expect { try PolicyLoader.decode(Data([0xFF, 0xFE]) + Data(good.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), file: "centre.json") }
            throws: { "\($0)".contains("UTF-16") }
    }
}
