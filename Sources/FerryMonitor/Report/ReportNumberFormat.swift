import Foundation

/// How the HTML report writes numbers: scores and thresholds, counts, shares, bin edges and SVG coordinates.
enum ReportNumberFormat {
    /// A score or threshold: 4 significant digits, scientific notation below 1e-3 (p-values) and from 1e6 up,
    /// "∞" / "−∞" for infinities and "n/a" for NaN.
    ///
    /// `score(1.18935e-07)` is "1.19e-7", `score(0.0463613)` is "0.04636", `score(0.05)` is "0.05".
    static func score(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 1e-3 || magnitude >= 1e6 { return scientific(value) }
        let decimals = min(6, max(0, 3 - exponent(of: magnitude)))
        return trimmed(String(format: "%.*f", decimals, value))
    }

    /// `value` as Evidently-style scientific notation with 3 significant digits and a bare exponent: "1.19e-7".
    static func scientific(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let printed = String(format: "%.2e", value)
        guard let marker = printed.firstIndex(of: "e"), let power = Int(printed[printed.index(after: marker)...]) else {
            return printed
        }
        return trimmed(String(printed[..<marker])) + "e\(power)"
    }

    /// A count with thousands separators: 1234567 is "1,234,567".
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        guard digits.utf8.count > 3 else { return value < 0 ? "-" + digits : digits }
        var grouped = value < 0 ? "-" : ""
        grouped.reserveCapacity(digits.utf8.count + digits.utf8.count / 3 + 1)
        let leading = digits.utf8.count % 3
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (offset - leading) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return grouped
    }

    /// A share in [0, 1] as a percentage with one decimal: "12.3%", "<0.1%" for tiny non-zero shares, "0%", "100%".
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return nonFinite(share) }
        if share == 0 { return "0%" }
        if share > 0, share < 0.0005 { return "<0.1%" }
        let tenths = Int((share * 1000).rounded())
        let whole = tenths / 10, fraction = abs(tenths % 10)
        return fraction == 0 ? "\(whole)%" : "\(whole).\(fraction)%"
    }

    /// `part / whole`, or 0 when `whole` is 0.
    static func share(_ part: Int, of whole: Int) -> Double {
        whole > 0 ? Double(part) / Double(whole) : 0
    }

    /// Labels for histogram edges, with enough decimals to tell neighbouring edges apart.
    static func edgeLabels(_ edges: [Double]) -> [String] {
        guard let first = edges.first, let last = edges.last, edges.count > 1 else { return edges.map(score) }
        let step = (last - first) / Double(edges.count - 1)
        let largest = edges.reduce(0) { max($0, abs($1)) }
        guard step.isFinite, step > 0, largest.isFinite else { return edges.map(score) }
        if largest >= 1e6 || largest < 1e-3 { return edges.map(scientific) }
        let decimals = min(6, max(0, 1 - exponent(of: step)))
        return edges.map { edge in
            let label = trimmed(String(format: "%.*f", decimals, edge))
            return label == "-0" ? "0" : label
        }
    }

    /// A number for an SVG attribute: at most one decimal, no trailing ".0" ("12", "12.5").
    static func svg(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let whole = tenths / 10, fraction = abs(tenths % 10)
        if fraction == 0 { return String(whole) }
        return tenths < 0 && whole == 0 ? "-0.\(fraction)" : "\(whole).\(fraction)"
    }

    /// `value` as JavaScript's `parseFloat` reads it back, for the table's sort keys ("Infinity", "NaN").
    static func sortKey(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return "\(value)"
    }

    private static func nonFinite(_ value: Double) -> String {
        if value.isNaN { return "n/a" }
        return value > 0 ? "∞" : "−∞"
    }

    /// The decimal exponent of a positive finite number: 0 for 1...9.99, -2 for 0.01...0.099.
    private static func exponent(of magnitude: Double) -> Int {
        Int(log10(magnitude).rounded(.down))
    }

    /// "0.0500" is "0.05", "2.000" is "2": trailing zeros after a decimal point go.
    private static func trimmed(_ printed: String) -> String {
        guard printed.contains(".") else { return printed }
        var end = printed.endIndex
        while end > printed.startIndex, printed[printed.index(before: end)] == "0" { end = printed.index(before: end) }
        if end > printed.startIndex, printed[printed.index(before: end)] == "." { end = printed.index(before: end) }
        return String(printed[..<end])
    }
}
