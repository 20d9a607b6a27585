import Foundation
import SecretStores
import Testing

@testable import DfnsOpsCore

/// A plan made with a read token cannot list a principal's own credentials; its rekey facts come from what the
/// store recorded. Through a whole rotation they give the same phase, the same next step and the same credentials
/// to retire as the facts from the principal's list.
@Suite("rekey facts: from the store alone as from the principal's list")
struct RekeyFactsFromStoreTests {
    static let day: TimeInterval = 86_400
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func version(_ number: Int, generation: Int, credentialId: String?, days: Double, retired: Double? = nil)
        -> SecretVersionInfo
    {
        SecretVersionInfo(
            version: number, createdAt: t0.addingTimeInterval(days * day),
            fingerprint: "sha256:00000000000000f\(number)",
            kind: .privateKey,
            metadata: SecretVersionMetadata(
                credentialId: credentialId, generation: generation, principalId: "us-1",
                retiredAt: retired.map { t0.addingTimeInterval($0 * day) }))
    }

    static func credential(_ number: Int, days: Double, active: Bool = true) -> LivePrincipal.LiveCredential {
        LivePrincipal.LiveCredential(
            credentialId: "cred-\(number)", credentialUuid: "cr-\(number)", name: "dfnsops:ServiceAccount/a#\(number)",
            fingerprint: "sha256:00000000000000f\(number)", isActive: active, created: t0.addingTimeInterval(days * day)
        )
    }

    struct Moment: Sendable, CustomTestStringConvertible {
        var label: String
        var now: Double
        var pending: SecretVersionInfo?
        var current: SecretVersionInfo?
        var previous: SecretVersionInfo?
        var listed: [LivePrincipal.LiveCredential]
        var phase: RotationPhase
        var testDescription: String { label }
    }

    static let moments: [Moment] = [
        Moment(
            label: "steady", now: 10, current: version(1, generation: 1, credentialId: "cred-1", days: 0),
            listed: [credential(1, days: 0)], phase: .steady),
        Moment(
            label: "due", now: 90, current: version(1, generation: 1, credentialId: "cred-1", days: 0),
            listed: [credential(1, days: 0)], phase: .due),
        Moment(
            label: "registered", now: 90, pending: version(2, generation: 2, credentialId: "cred-2", days: 90),
            current: version(1, generation: 1, credentialId: "cred-1", days: 0),
            listed: [credential(1, days: 0), credential(2, days: 90)], phase: .registered),
        Moment(
            label: "overlap", now: 91, current: version(2, generation: 2, credentialId: "cred-2", days: 90),
            previous: version(1, generation: 1, credentialId: "cred-1", days: 0),
            listed: [credential(1, days: 0), credential(2, days: 90)], phase: .overlap),
        Moment(
            label: "retire", now: 93, current: version(2, generation: 2, credentialId: "cred-2", days: 90),
            previous: version(1, generation: 1, credentialId: "cred-1", days: 0),
            listed: [credential(1, days: 0), credential(2, days: 90)], phase: .retire),
        Moment(
            label: "retired", now: 94, current: version(2, generation: 2, credentialId: "cred-2", days: 90),
            previous: version(1, generation: 1, credentialId: "cred-1", days: 0, retired: 93),
            listed: [credential(1, days: 0, active: false), credential(2, days: 90)], phase: .done),
    ]

    @Test("the same status and the same credentials to retire", arguments: moments)
    func sameStatus(moment: Moment) throws {
        let entry = EntryMetadata(
            entry: try SecretEntryPath("accounts/a"), pending: moment.pending, current: moment.current,
            previous: moment.previous)
        let inputs = RotationPhaseResolver.Inputs(
            maxAge: 90 * Self.day, overlap: 3 * Self.day, retain: 30 * Self.day,
            now: Self.t0.addingTimeInterval(moment.now * Self.day))
        let fromList = RotationFactsBuilder.rekey(credentials: moment.listed, entry: entry)
        let fromStore = RotationFactsBuilder.rekey(credentials: nil, entry: entry)
        let listStatus = RotationPhaseResolver.status(of: fromList, inputs)
        let storeStatus = RotationPhaseResolver.status(of: fromStore, inputs)
        #expect(listStatus.phase == moment.phase)
        #expect(storeStatus == listStatus)
        let retiring = { (facts: RotationFacts) in facts.retiring(below: listStatus.currentGeneration).map(\.objectId) }
        #expect(retiring(fromStore) == retiring(fromList))
        if moment.phase == .retire { #expect(retiring(fromStore) == ["cred-1"], "named by credential id") }
    }
}
