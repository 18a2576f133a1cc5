import Testing
@testable import CordMatch

@Suite struct NumberTextTests {
    @Test func fixedDecimalsAsExplanationsWriteThem() {
        #expect(NumberText.fixed(4.444, 2) == "4.44")
        #expect(NumberText.fixed(4.446, 2) == "4.45")
        #expect(NumberText.fixed(5, 2) == "5.00")
        #expect(NumberText.fixed(1.05, 2) == "1.05")
        #expect(NumberText.fixed(0.004, 2) == "0.00")
        #expect(NumberText.fixed(12.96, 1) == "13.0")
        #expect(NumberText.fixed(-1.5, 1) == "-1.5")
        #expect(NumberText.fixed(3, 1) == "3.0")
        #expect(Threshold(5, inclusive: false).text == "> 5.0")
        #expect(Threshold(1.5, inclusive: true).text == "≥ 1.50")
    }
}
