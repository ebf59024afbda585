import FerryClient
import Testing

/// Timestamps as the terminal shows them and as `--since` reads them.
@Suite struct UTCTimeTests {
    @Test func formatsToTheMinuteInUTC() {
        #expect(UTCTime.minutes(1_795_867_382_085) == "2026-11-28 12:03")
        #expect(UTCTime.minutes(0) == "1970-01-01 00:00")
        #expect(UTCTime.minutes(-1) == "1969-12-31 23:59")
    }

    @Test(arguments: [
        ("1795867382085", 1_795_867_382_085),
        ("2026-11-28", 1_795_824_000_000),
        ("2026-11-28 12:00", 1_795_867_200_000),
        ("2026-11-28T12:00:00Z", 1_795_867_200_000),
        ("2026-11-28T12:00:00.25Z", 1_795_867_200_250),
        ("2026-11-28T13:30:00+01:30", 1_795_867_200_000),
        ("2026-11-28T07:00:00-0500", 1_795_867_200_000),
        ("2024-02-29", 1_709_164_800_000),
    ] as [(String, Int64)])
    func readsDatesTimesAndEpochMilliseconds(text: String, expected: Int64) {
        #expect(UTCTime.epochMilliseconds(parsing: text) == expected)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01", "2026-02-30", "2025-02-29", "2026-11-28T25:00", "28/11/2026", "2026-11-28T12:00+25:00", "-5"])
    func refusesAnythingElse(text: String) {
        #expect(UTCTime.epochMilliseconds(parsing: text) == nil)
    }
}
