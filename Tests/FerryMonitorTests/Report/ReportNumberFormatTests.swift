import Foundation
import Testing

@testable import FerryMonitor

@Suite("Report number formats")
struct ReportNumberFormatTests {
    @Test(
        "scores: 4 significant digits, scientific below 1e-3 and from 1e6, symbols for non-finite",
        arguments: [
            (1.18935e-07, "1.19e-7"), (4.63613e-26, "4.64e-26"), (9.99e-4, "9.99e-4"), (1e-3, "0.001"), (0.0463613, "0.04636"),
            (0.05, "0.05"), (0.259721, "0.2597"), (1.07314, "1.073"), (0.9999996, "1"), (0, "0"), (12.5, "12.5"),
            (999_999, "999999"), (12_345_678, "1.23e7"), (-0.25, "-0.25"), (1e-300, "1e-300"),
            (Double.infinity, "∞"), (-Double.infinity, "−∞"), (Double.nan, "n/a"),
        ] as [(Double, String)])
    func scores(value: Double, expected: String) {
        #expect(ReportNumberFormat.score(value) == expected)
    }

    @Test("counts get thousands separators", arguments: [(0, "0"), (999, "999"), (1_000, "1,000"), (1_234_567, "1,234,567"), (-12_345, "-12,345")])
    func counts(value: Int, expected: String) {
        #expect(ReportNumberFormat.count(value) == expected)
    }

    @Test(
        "shares are percentages with one decimal",
        arguments: [(0.0, "0%"), (0.0004, "<0.1%"), (0.0006, "0.1%"), (0.123, "12.3%"), (0.5, "50%"), (1.0, "100%"), (2.0 / 3, "66.7%")]
            as [(Double, String)])
    func percents(value: Double, expected: String) {
        #expect(ReportNumberFormat.percent(value) == expected)
    }

    @Test("shares of an empty total are zero")
    func shareOfNothing() {
        #expect(ReportNumberFormat.share(3, of: 0) == 0)
        #expect(ReportNumberFormat.share(1, of: 4) == 0.25)
    }

    @Test("bin edges get as many decimals as the bin width needs, without float noise")
    func edgeLabels() {
        #expect(ReportNumberFormat.edgeLabels([0, 0.25, 0.5, 0.75, 1]) == ["0", "0.25", "0.5", "0.75", "1"])
        #expect(ReportNumberFormat.edgeLabels([-3, -2.4, -1.8000000000000003, -1.2, -0.6000000000000001, 0]) == ["-3", "-2.4", "-1.8", "-1.2", "-0.6", "0"])
        #expect(ReportNumberFormat.edgeLabels([1000, 1500, 2000]) == ["1000", "1500", "2000"])
        #expect(ReportNumberFormat.edgeLabels([-0.0001, 0.0004, 0.0009]) == ["-1e-4", "4e-4", "9e-4"])
        #expect(ReportNumberFormat.edgeLabels([2e6, 3e6]) == ["2e6", "3e6"])
        #expect(ReportNumberFormat.edgeLabels([-0.01, 0.5]) == ["-0.01", "0.5"])
    }

    @Test("SVG numbers have at most one decimal")
    func svgNumbers() {
        #expect(ReportNumberFormat.svg(12) == "12")
        #expect(ReportNumberFormat.svg(12.34) == "12.3")
        #expect(ReportNumberFormat.svg(12.36) == "12.4")
        #expect(ReportNumberFormat.svg(-0.5) == "-0.5")
        #expect(ReportNumberFormat.svg(-1.5) == "-1.5")
    }

    @Test("sort keys are what JavaScript's parseFloat reads")
    func sortKeys() {
        #expect(ReportNumberFormat.sortKey(.infinity) == "Infinity")
        #expect(ReportNumberFormat.sortKey(-.infinity) == "-Infinity")
        #expect(ReportNumberFormat.sortKey(.nan) == "NaN")
        #expect(ReportNumberFormat.sortKey(1.18935e-07) == "1.18935e-07")
    }
}
