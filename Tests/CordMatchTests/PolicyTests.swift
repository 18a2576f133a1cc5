import Foundation
import Testing
import CordMatch

@Suite struct PolicyTests {
    static func load(_ json: String) throws -> SelectionPolicy { try PolicyLoader.decode(Data(json.utf8), file: "centre.json") }

    /// A preset, written out, edited by `edit`, and read back.
    static func edited(_ edit: (inout [String: Any]) -> Void) throws -> SelectionPolicy {
        var obj = try JSONSerialization.jsonObject(with: Data(PolicyLoader.encode(PolicyPresets.malignant).utf8)) as! [String: Any]
        edit(&obj)
        return try PolicyLoader.decode(try JSONSerialization.data(withJSONObject: obj), file: "centre.json")
    }

    @Test func presetsRoundTripThroughTheirFileForm() throws {
        for name in PolicyPresets.names {
            let p = try #require(PolicyPresets.named(name))
            #expect(try Self.load(PolicyLoader.encode(p)) == p)
        }
        #expect(PolicyPresets.nonMalignant.dose.tncSteps[0].tncPerKg == Threshold(5.0, inclusive: false))
    }

    @Test func aCentreCanChangeAValue() throws {
        let p = try Self.edited { o in
            var ab = o["antibodies"] as! [String: Any]; ab["exclude_at_mfi"] = 2000; o["antibodies"] = ab
            o["name"] = "centre"
        }
        #expect(p.antibodies.excludeAtMFI == 2000 && p.name == "centre")
    }

    @Test func unknownKeyIsAnErrorWithItsPath() {
        #expect {
            try Self.edited { o in var f = o["hla_floor"] as! [String: Any]; f["min_x7"] = 4; o["hla_floor"] = f }
        } throws: { "\($0)".contains("centre.json: hla_floor.min_x7: unknown key") }
    }

    @Test func wrongTypeAndMissingKeyNameTheirPath() {
        #expect {
            try Self.edited { o in var f = o["hla_floor"] as! [String: Any]; f["min_x8"] = "four"; o["hla_floor"] = f }
        } throws: { "\($0)".contains("hla_floor.min_x8: expected") }
        #expect {
            try Self.edited { o in o.removeValue(forKey: "ranking") }
        } throws: { "\($0)".contains("ranking: missing key") }
    }

    @Test func valuesThatMakeNoSenseAreRejected() {
        #expect { try Self.edited { o in var f = o["hla_floor"] as! [String: Any]; f["min_x6"] = 7; o["hla_floor"] = f } }
            throws: { "\($0)".contains("hla_floor.min_x6: 7 is not a whole number from 0 to 6") }
        #expect { try Self.edited { o in o["ranking"] = ["known_mismatches", "tnc_dose"] } }
            throws: { "\($0)".contains("end with \"unit_id\"") }
        #expect { try Self.edited { o in o["ranking"] = ["known_mismatches", "tnc_dos", "unit_id"] } }
            throws: { "\($0)".contains("ranking[1]") }
    }

    @Test func notJSONIsReported() {
        #expect { try Self.load("{ \"name\": ") } throws: { "\($0)".hasPrefix("centre.json: not valid JSON") }
    }
}
