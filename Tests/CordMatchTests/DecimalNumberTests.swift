import Testing
import CordMatch

/// One number grammar: sign, digits, fraction, exponent; finite; no hexadecimal, inf, nan, comma or subnormal.
@Suite struct DecimalNumberTests {
    @Test func decimalNumbersAreRead() {
        let cases: [(String, Double)] = [("18", 18), ("-3", -3), ("+7", 7), ("0.5", 0.5), ("1.2E9", 1.2e9), ("4e6", 4e6),
                                         ("2.5e-1", 0.25), ("007", 7), ("0", 0), ("-0", -0.0), ("1E+3", 1000), ("1e308", 1e308)]
        for (text, value) in cases {
            #expect(DecimalNumber.value(of: text) == .success(value), "\(text)")
        }
    }

    @Test func whatDoubleAcceptsButNoOneMeansIsRefused() {
        for text in ["0x10", "0x1p30", "inf", "-inf", "infinity", "nan", "NaN", "", " 18", "18 ", "1,5", "1 000", ".5", "5.",
                     "1e", "1e+", "--1", "+-1", "1.2.3", "18kg", "١٨", "1_000", "e5", "0b101"] {
            #expect(DecimalNumber.value(of: text) == .failure(.notDecimal), "\(text.debugDescription)")
        }
        #expect(DecimalNumber.value(of: "1e400") == .failure(.tooLarge))
        #expect(DecimalNumber.value(of: "-1e400") == .failure(.tooLarge))
        #expect(DecimalNumber.value(of: "1e-320") == .failure(.tooCloseToZero))
        #expect(DecimalNumber.value(of: "1e-400") == .failure(.tooCloseToZero))
        #expect(DecimalNumber.value(of: "0e-400") == .success(0))
    }

    @Test func wholeNumbersAreDigitsOnly() {
        #expect(DecimalNumber.wholeValue(of: "8") == 8 && DecimalNumber.wholeValue(of: "-2") == -2 && DecimalNumber.wholeValue(of: "+3") == 3)
        for text in ["4.0", "4e0", "1e300", "0x8", "", "8 ", "99999999999999999999"] {
            #expect(DecimalNumber.wholeValue(of: text) == nil, "\(text)")
        }
    }
}
