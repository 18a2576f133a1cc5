import Testing
import CordMatch

/// The table of plausible ranges: every real value inside, zero, negative and wrong-unit values outside, and a
/// reason that names the value, the field and the range.
@Suite struct NumericFieldTests {
    @Test func rangesHoldRealValuesAndRefuseImpossibleOnes() {
        let cases: [(NumericField, accepted: [String], refused: [String])] = [
            (.recipientWeight, ["0.5", "1", "3.2", "18", "70", "250", "400"], ["0", "-0", "-3", "0.4", "401", "3500", "1e-320", "nan", "inf", "0x10"]),
            (.unitTNC, ["1e7", "5.0E8", "1.2E9", "6.6e9", "1e11"], ["0", "-0", "120", "9.9e6", "1.1e11", "0x1p30", "1e-320"]),
            (.unitCD34, ["1e3", "4.0E6", "1.05E7", "1e10"], ["0", "-0", "999", "1.1e10", "-4e6"]),
            (.unitVolume, ["1", "25", "95", "999.9", "1000"], ["0", "0.5", "1001", "-95"]),
            (.antibodyMFI, ["0", "500", "3500", "100000"], ["-0", "-1", "100001", "1e-320", "inf"]),
            (.tncDosePerKg, ["0", "1.5", "3.0", "5", "100"], ["-1", "3e7", "100.5"]),
            (.cd34DosePerKg, ["0", "1.0", "1.5", "100"], ["-1", "1.5e5"]),
            (.attachedSegments, ["0", "2", "99"], ["-1", "100", "1.5", "2.0", "-0"]),
            (.matches(outOf: 8), ["0", "4", "8"], ["9", "-1", "1e300", "4.0"]),
            (.resultLimit, ["1", "20", "100000"], ["0", "-1", "100001"]),
        ]
        for (field, accepted, refused) in cases {
            for text in accepted { #expect(field.isWhole ? (try? field.readWhole(text).get()) != nil : (try? field.read(text).get()) != nil, "\(field) \(text)") }
            for text in refused { #expect((try? field.read(text).get()) == nil, "\(field) \(text)") }
        }
    }

    @Test func reasonsNameValueFieldAndRange() {
        #expect(NumericField.recipientWeight.read("0").failureReason == "0 is outside the plausible range of a recipient's weight, 0.5 to 400 kg (kilograms)")
        #expect(NumericField.matches(outOf: 8).read("1e300").failureReason == "1e300 is not a whole number from 0 to 8")
        #expect(NumericField.matches(outOf: 6).read("4.0").failureReason == "4.0 is not a whole number from 0 to 6 (write it with digits only)")
        #expect(NumericField.unitTNC.read("5").failureReason?.hasPrefix("5 is outside the plausible range of a unit's TNC, 1E7 to 1E11 cells") == true)
        #expect(NumericField.unitTNC.read("0x1p30").failureReason?.hasPrefix("0x1p30 is not a number") == true)
        #expect(NumericField.unitTNC.read("1,2E9").failureReason?.contains("decimal separator is '.'") == true)
        #expect(NumericField.antibodyMFI.read("1e-320").failureReason == "1e-320 is too close to zero to be a measurement (write 0 for none)")
        // The value is echoed as InputExcerpt shows it (no control characters, at most 80 bytes).
        let echoed = NumericField.unitTNC.read("1\u{1B}[31m" + String(repeating: "9", count: 200)).failureReason ?? ""
        #expect(!echoed.contains("\u{1B}") && echoed.contains("(206 bytes)"))
    }

    /// Numbers given as doubles (a library caller's) are checked against the same ranges.
    @Test func valuesGivenAsNumbersAreChecked() {
        #expect(NumericField.recipientWeight.check(18) == nil)
        for bad in [0, -0.0, .nan, .infinity, Double.leastNormalMagnitude / 1e3, 1000] {
            #expect(NumericField.recipientWeight.check(bad) != nil, "\(bad)")
        }
        #expect(NumericField.matches(outOf: 8).check(4.5)?.reason == "4.5 is not a whole number from 0 to 8")
    }
}
