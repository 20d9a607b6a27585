import Foundation
import SecretStores
import Testing

@Suite("SecretListing")
struct SecretListingTests {
    private let now = Date(timeIntervalSince1970: 1_767_225_600)

    private func version(_ number: Int, fingerprint: String, age: TimeInterval) -> SecretVersionInfo {
        SecretVersionInfo(
            version: number, createdAt: now.addingTimeInterval(-age), fingerprint: fingerprint, kind: .privateKey,
            metadata: SecretVersionMetadata())
    }

    @Test("renders one aligned row per staged version, pending first, and marks empty entries")
    func table() throws {
        let entries = [
            EntryMetadata(
                entry: try SecretEntryPath("service-accounts/payments-signer"),
                pending: version(9, fingerprint: "sha256:aaaaaaaaaaaaaaaa", age: 42),
                current: version(8, fingerprint: "sha256:5d1f0c2e9a7b3c41", age: 3 * 86_400 + 4 * 3_600 + 59),
                previous: version(7, fingerprint: "sha256:0b9e44d1c2a7f310", age: 94 * 86_400 + 2 * 3_600)
            ),
            EntryMetadata(entry: try SecretEntryPath("webhooks/orders")),
        ]
        #expect(
            SecretListing.render(entries, now: now) == """
                ENTRY                             STAGE     VERSION  FINGERPRINT              AGE
                service-accounts/payments-signer  pending   9        sha256:aaaaaaaaaaaaaaaa  42s
                service-accounts/payments-signer  current   8        sha256:5d1f0c2e9a7b3c41  3d 4h
                service-accounts/payments-signer  previous  7        sha256:0b9e44d1c2a7f310  94d 2h
                webhooks/orders                   (empty)

                """)
    }

    @Test("an empty store says so")
    func empty() {
        #expect(SecretListing.render([], now: now) == "no secret-store entries\n")
    }

    @Test(
        "ages show their two largest units",
        arguments: [
            (0, "0s"), (59, "59s"), (60, "1m"), (3_599, "59m"), (3_600, "1h"), (3_660, "1h 1m"), (86_400, "1d"),
            (90_000, "1d 1h"), (-30, "0s"),
        ] as [(TimeInterval, String)]
    )
    func ages(seconds: TimeInterval, expected: String) {
        #expect(SecretListing.formatAge(from: now.addingTimeInterval(-seconds), to: now) == expected)
    }
}
