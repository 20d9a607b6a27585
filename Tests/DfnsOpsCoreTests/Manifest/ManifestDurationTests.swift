import DfnsOpsCore
import Testing

@Suite("Manifest durations")
struct ManifestDurationTests {
    @Test(
        "valid durations parse to seconds",
        arguments: [
            ("90d", 90 * 86_400), ("12h", 12 * 3_600), ("30m", 1_800), ("45s", 45), ("2w", 14 * 86_400),
            ("0d", 0), ("P90D", 90 * 86_400), ("PT12H", 12 * 3_600), ("P2W", 14 * 86_400),
            ("P1DT12H", 36 * 3_600), ("PT1H30M", 5_400), ("PT90S", 90), ("P1DT2H3M4S", 93_784),
        ]
    )
    func parses(text: String, seconds: Int) throws {
        let duration = try #require(ManifestDuration(parsing: text))
        #expect(duration.seconds == seconds)
    }

    @Test(
        "invalid durations are refused",
        arguments: [
            "", "d", "90", "90days", "90 d", "-1d", "1.5h", "P", "PT", "P1DT", "P3M", "P1Y", "p90d", "P1H", "PT1D",
            "P1W2D", "PT2M1H", "90D", "P99999999999999999999D",
        ]
    )
    func refuses(text: String) {
        #expect(ManifestDuration(parsing: text) == nil)
    }

    @Test("durations print in their shortest exact unit")
    func description() {
        #expect(ManifestDuration.days(14).description == "14d")
        #expect(ManifestDuration.hours(36).description == "36h")
        #expect(ManifestDuration.minutes(90).description == "90m")
        #expect(ManifestDuration(seconds: 61).description == "61s")
        #expect(ManifestDuration(seconds: 0).description == "0s")
    }

    @Test("durations compare by length and convert to Duration")
    func comparison() {
        #expect(ManifestDuration(parsing: "PT36H")! > ManifestDuration(parsing: "1d")!)
        #expect(ManifestDuration(parsing: "2w") == ManifestDuration(parsing: "P14D"))
        #expect(ManifestDuration.hours(2).duration == .seconds(7_200))
    }

    @Test("the effective overlap defaults to a day, capped at half of maxAge")
    func effectiveOverlap() {
        #expect(RotationPolicy().effectiveOverlap == .days(1))
        #expect(RotationPolicy(maxAge: .hours(12)).effectiveOverlap == .hours(6))
        #expect(RotationPolicy(maxAge: .days(90), overlap: .days(3)).effectiveOverlap == .days(3))
        #expect(RotationPolicy().effectiveRetain == .days(30))
    }
}
