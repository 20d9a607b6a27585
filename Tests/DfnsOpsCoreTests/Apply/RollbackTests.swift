import DfnsAPI
import Foundation
import SecretStores
import Testing

@testable import DfnsOpsCore

/// Each strategy's rollback against the in-process twin, during the overlap.
@Suite("apply: rollback")
struct RollbackTests {
    /// The object each strategy rotates in these tests.
    enum Subject {
        case rekey, replace, webhook

        var manifest: String {
            switch self {
            case .rekey: RekeyStepsTests.manifest
            case .replace: ReplaceStepsTests.manifest
            case .webhook: WebhookTwinStepsTests.manifest(url: "http://127.0.0.1:9/hook")
            }
        }

        var kind: ManifestKind { self == .webhook ? .webhook : .serviceAccount }

        /// The name, its store entry, and its `maxAge` in days.
        var object: (name: String, path: String, days: Double) {
            switch self {
            case .rekey: (RekeyStepsTests.name, RekeyStepsTests.path, 90)
            case .replace: (ReplaceStepsTests.name, ReplaceStepsTests.path, 30)
            case .webhook: (WebhookTwinStepsTests.name, WebhookTwinStepsTests.path, 30)
            }
        }
    }

    /// Where a rotation stands in its overlap, and the executor that rolls it back.
    struct Overlap {
        var executor: ActionExecutor<HTTPDfnsClient>
        var previous: SecretVersionMetadata
        var current: SecretVersionMetadata

        /// Rolls the subject back.
        func rollback(_ subject: Subject) async throws -> String {
            try await executor.rollback(ObjectAddress(kind: subject.kind, name: subject.object.name))
        }
    }

    /// Creates the subject and runs its rotation into the overlap.
    static func overlap(_ twin: ApplyTwin, _ subject: Subject) async throws -> Overlap {
        let desired = try ApplyTwin.desired(subject.manifest)
        try await twin.create(subject.kind, subject.object.name, in: desired)
        twin.advance(days: subject.object.days)
        let action = try await twin.planned("rotate:\(subject.kind.rawValue)/\(subject.object.name):due", in: desired)
        let result = await twin.executor(desired).execute(action)
        try #require(result.status == .done && result.message.contains("waiting:"), "\(result.message)")
        let entry = try await twin.entry(subject.object.path)
        return Overlap(
            executor: twin.executor(desired), previous: try #require(entry.previous?.metadata),
            current: try #require(entry.current?.metadata))
    }

    @Test("rekey: the previous credential is active and current again, the newer one deactivated")
    func rekey() async throws {
        try await ApplyTwin.with { twin in
            let path = Subject.rekey.object.path
            let overlap = try await Self.overlap(twin, .rekey)
            let previous = overlap.previous
            let newer = try await twin.identity(path)
            let message = try await overlap.rollback(.rekey)
            #expect(message.contains("deactivated the newer credential"), "\(message)")
            let current = try await twin.identity(path)
            #expect(current.signer.credentialId == previous.credentialId)
            #expect(try await twin.credentials(path).filter(\.isActive).map(\.credentialId) == [previous.credentialId])
            #expect(await twin.signs(as: current))
            #expect(await twin.signs(as: newer) == false)
            #expect(try await twin.entry(path).previous == nil, "a second rollback has nothing to return to")
        }
    }

    @Test("replace: the previous principal is active and current again, the newer one deactivated")
    func replace() async throws {
        try await ApplyTwin.with { twin in
            let overlap = try await Self.overlap(twin, .replace)
            _ = try await overlap.rollback(.replace)
            let oldId = try #require(overlap.previous.principalId)
            let newId = try #require(overlap.current.principalId)
            #expect(try await ReplaceStepsTests.generations(twin) == [oldId: true, newId: false])
            #expect(try await twin.entry(Subject.replace.object.path).current?.metadata.principalId == oldId)
        }
    }

    @Test("webhook: a failing look-up of the old webhook is an error, not 'already deleted'; a repeat rolls back")
    func webhook() async throws {
        try await ApplyTwin.with { twin in
            let path = Subject.webhook.object.path
            let overlap = try await Self.overlap(twin, .webhook)
            let oldId = try #require(overlap.previous.principalId)
            let newId = try #require(overlap.current.principalId)

            await twin.fault("GET", "/webhooks/\(oldId)", status: 503)
            await #expect(throws: DfnsAPIError.self) { try await overlap.rollback(.webhook) }
            #expect(try await twin.entry(path).current?.metadata.principalId == newId, "nothing changed")
            #expect(try await WebhookTwinStepsTests.ids(twin) == [oldId, newId])

            let message = try await overlap.rollback(.webhook)
            #expect(message.contains("deleted the twin webhook \(newId)"), "\(message)")
            #expect(try await twin.entry(path).current?.metadata.principalId == oldId)
            #expect(try await WebhookTwinStepsTests.ids(twin) == [oldId])
        }
    }

    @Test("webhook: once the old webhook is gone (404), the rollback refuses and says to rotate again")
    func webhookGone() async throws {
        try await ApplyTwin.with { twin in
            let overlap = try await Self.overlap(twin, .webhook)
            _ = try await twin.client.deleteWebhook(id: try #require(overlap.previous.principalId))
            let error = await #expect(throws: ApplyError.self) { try await overlap.rollback(.webhook) }
            #expect(error?.message.contains("already deleted") == true, "\(String(describing: error))")
        }
    }
}
