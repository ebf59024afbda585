import Foundation

/// Epoch-millisecond timestamps as terminal text, always in UTC: `2026-11-28 12:01`.
public enum UTCTime {
    /// `epochMilliseconds` as `YYYY-MM-DD HH:MM` in UTC (seconds are dropped, not rounded).
    public static func minutes(_ epochMilliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(epochMilliseconds.floorDivided(by: 1000)))
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return "\(padded(parts.year, 4))-\(padded(parts.month, 2))-\(padded(parts.day, 2)) \(padded(parts.hour, 2)):\(padded(parts.minute, 2))"
    }

    /// The Gregorian calendar in UTC.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    private static func padded(_ value: Int?, _ width: Int) -> String {
        let text = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension Int64 {
    /// The quotient rounded toward negative infinity, so that times before 1970 format correctly.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
