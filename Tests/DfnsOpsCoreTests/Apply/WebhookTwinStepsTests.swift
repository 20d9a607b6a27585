import DfnsAPI
import Foundation
import SecretStores
import Synchronization
import TestSupport
import Testing

@testable import DfnsOpsCore

/// The webhook twin strategy's steps against the in-process twin: a twin webhook with a new secret, both delivering
/// during the overlap, and the old one deleted only once the receiver accepts a ping of the new one.
@Suite("apply: webhook twin steps")
struct WebhookTwinStepsTests {
    static let name = "treasury"
    static let path = "webhooks/treasury"

    static func manifest(url: String) -> String {
        """
        apiVersion: dfnsops.dev/v1alpha1
        kind: Webhook
        metadata: {name: treasury}
        spec:
          url: \(url)
          events: ["wallet.transfer.confirmed"]
          status: Enabled
          secret:
            rotation: {maxAge: 30d, overlap: 7d}
            store: {ref: mem, path: webhooks/treasury}
        """
    }

    /// Creates the webhook, makes its rotation due, and returns its steps and the first webhook's id.
    static func due(_ twin: ApplyTwin, url: URL) async throws -> (WebhookTwinSteps<HTTPDfnsClient>, String) {
        let desired = try ApplyTwin.desired(manifest(url: url.absoluteString + "/hook"))
        try await twin.create(.webhook, name, in: desired)
        twin.advance(days: 30)
        let oldId = try #require(try await twin.entry(path).current?.metadata.principalId)
        return (WebhookTwinSteps(declared: try #require(desired.webhooks.first), tools: twin.tools), oldId)
    }

    static func ids(_ twin: ApplyTwin) async throws -> Set<String> {
        Set(try await twin.webhooks(name).map(\.id))
    }

    @Test("due (twin created) → registered → overlap → retire blocked by a 401 receiver → retire → steady")
    func everyStep() async throws {
        let answer = Answer()
        let receiver = try await HTTPTestServer.start { _ in HTTPTestServer.Response(status: answer.status) }
        do {
            try await Self.everyStep(receiver: receiver, answer: answer)
            await receiver.shutdown()
        } catch {
            await receiver.shutdown()
            throw error
        }
    }

    /// The status the receiver answers every delivery with.
    final class Answer: Sendable {
        private let value = Mutex(200)
        var status: Int {
            get { value.withLock { $0 } }
            set { value.withLock { $0 = newValue } }
        }
    }

    static func everyStep(receiver: HTTPTestServer, answer: Answer) async throws {
        try await ApplyTwin.with { twin in
            let (steps, oldId) = try await Self.due(twin, url: receiver.baseURL)
            var step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .due)
            var entry = try await twin.entry(Self.path)
            let newId = try #require(entry.pending?.metadata.principalId)
            #expect(entry.pending?.metadata.generation == 2)
            #expect(try await Self.ids(twin) == [oldId, newId])

            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .registered)
            entry = try await twin.entry(Self.path)
            #expect(entry.current?.metadata.principalId == newId && entry.previous?.metadata.principalId == oldId)

            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .overlap && !step.more)
            #expect(step.message.contains("waiting: delete generation 1 after"), "\(step.message)")

            twin.advance(days: 7)
            answer.status = 401
            await #expect(throws: GuardBlocked.self) { try await twin.step(steps, at: Self.path) }
            #expect(try await Self.ids(twin) == [oldId, newId], "the old webhook stays")
            #expect(try await twin.entry(Self.path).previous != nil)

            answer.status = 200
            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .retire)
            #expect(step.message.contains("deleted the old webhook \(oldId)"), "\(step.message)")
            #expect(try await Self.ids(twin) == [newId])
            entry = try await twin.entry(Self.path)
            #expect(entry.previous == nil && entry.current?.metadata.principalId == newId)
            #expect(try await twin.step(steps, at: Self.path).phase == .steady)
        }
    }

    @Test("a failed twin creation leaves the store as it was; the next run creates the twin")
    func failedCreate() async throws {
        try await ApplyTwin.with { twin in
            let (steps, oldId) = try await Self.due(twin, url: try #require(URL(string: "http://127.0.0.1:9")))
            try await twin.interruptedRun(steps, at: Self.path, fault: "POST", "/webhooks")
            // The intent recorded before the create stays, naming no webhook: the next run continues from it.
            let entry = try await twin.entry(Self.path)
            #expect(entry.pending != nil && entry.pending?.metadata.principalId == nil)
            #expect(entry.current?.metadata.principalId == oldId)
            #expect(try await Self.ids(twin) == [oldId])

            _ = try await twin.run(steps, at: Self.path)
            let newId = try #require(try await twin.entry(Self.path).current?.metadata.principalId)
            #expect(newId != oldId)
            #expect(try await Self.ids(twin) == [oldId, newId])
        }
    }
}
