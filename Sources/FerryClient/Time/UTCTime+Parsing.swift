import Foundation

extension UTCTime {
    /// Reads a point in time as a command line gives it, in epoch milliseconds; nil when it is none of:
    ///
    /// - epoch milliseconds: `1795867382085`;
    /// - a date, meaning its midnight in UTC: `2026-11-28`;
    /// - a date and time, in UTC unless a zone follows: `2026-11-28 12:01`, `2026-11-28T12:01:30.250`,
    ///   `2026-11-28T12:01:30Z`, `2026-11-28T13:01:30+01:00`.
    public static func epochMilliseconds(parsing text: String) -> Int64? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit) { return Int64(text) }
        let pattern = #/(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?/#
        guard let match = text.wholeMatch(of: pattern),
            let offset = zoneOffsetSeconds(match.output.8.map(String.init)),
            let year = Int(match.output.1), let month = Int(match.output.2), let day = Int(match.output.3)
        else { return nil }
        let hour = match.output.4.flatMap { Int($0) } ?? 0
        let minute = match.output.5.flatMap { Int($0) } ?? 0
        let second = match.output.6.flatMap { Int($0) } ?? 0
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: parts), calendar.component(.day, from: date) == day else { return nil }
        let fraction = match.output.7.map { String($0.prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0) }
        let milliseconds = fraction.flatMap { Int64($0) } ?? 0
        return (Int64(date.timeIntervalSince1970) - Int64(offset)) * 1000 + milliseconds
    }

    /// Seconds east of UTC for `Z`, `+01`, `+0130` or `-01:30`; 0 when there is no zone; nil when malformed.
    private static func zoneOffsetSeconds(_ zone: String?) -> Int? {
        guard let zone, zone.uppercased() != "Z" else { return 0 }
        let sign = zone.hasPrefix("-") ? -1 : 1
        let digits = zone.dropFirst().filter(\.isASCIIDigit)
        guard let hours = Int(digits.prefix(2)), let minutes = Int(digits.dropFirst(2).isEmpty ? "0" : String(digits.dropFirst(2))),
            hours < 24, minutes < 60
        else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}

extension Character {
    /// True for `0` through `9` only.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
