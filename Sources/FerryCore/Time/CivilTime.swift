/// A moment split into its UTC calendar fields: for prediction-log names and timestamps, S3 request dates.
///
/// Pure arithmetic on the proleptic Gregorian calendar (no locale, no time zone database), so it is cheap
/// and gives the same text on every machine.
public struct CivilTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int

    /// The fields of the moment `milliseconds` after 1970-01-01T00:00:00Z (negative: before it).
    public init(millisecondsSince1970 milliseconds: Int64) {
        let (days, millisecondOfDay) = Self.floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        self.year = year
        self.month = month
        self.day = day
        hour = Int(millisecondOfDay / 3_600_000)
        minute = Int(millisecondOfDay / 60_000 % 60)
        second = Int(millisecondOfDay / 1000 % 60)
        millisecond = Int(millisecondOfDay % 1000)
    }

    /// ISO 8601 with milliseconds, in UTC: `2025-03-07T09:05:02.042Z`.
    public var iso8601: String {
        "\(date)T\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2)).\(Self.pad(millisecond, 3))Z"
    }

    /// The calendar day: `2025-03-07`.
    public var date: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// The calendar day without separators: `20250307`.
    public var compactDate: String {
        "\(Self.pad(year, 4))\(Self.pad(month, 2))\(Self.pad(day, 2))"
    }

    /// The basic ISO 8601 form to the second, which sorts as text: `20250307T090502Z`.
    public var compact: String {
        "\(compactDate)T\(Self.pad(hour, 2))\(Self.pad(minute, 2))\(Self.pad(second, 2))Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Division that rounds toward negative infinity, with a remainder in `0..<divisor`.
    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    /// Year, month (1–12) and day (1–31) of a day count since 1970-01-01, counting in 400-year eras that
    /// start on 1 March (so the leap day is the last day of an era's year).
    private static func civilDate(daysSince1970 days: Int64) -> (Int, Int, Int) {
        let shifted = days + 719_468  // days from 0000-03-01 to 1970-01-01
        let era = floorDivide(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }
}
