import DfnsAPI
import DfnsEmulator
import Foundation
import SecretStores
import Testing

@testable import DfnsOpsCore

/// The replace strategy's steps against the in-process twin: each generation is a new service account with its own
/// token and key and the same permissions; the old one is deactivated after the overlap, deleted after `retain`.
@Suite("apply: replace steps")
struct ReplaceStepsTests {
    /// The live generations by id: whether each is active.
    static func generations(_ twin: ApplyTwin) async throws -> [String: Bool] {
        Dictionary(uniqueKeysWithValues: try await twin.principals(.serviceAccount, name).map { ($0.id, $0.isActive) })
    }

    static let name = "ledger-reader"
    static let path = "accounts/\(name)"
    static let manifest = ApplyTwin.serviceAccount(
        name, algorithm: "ed25519", rotation: "{maxAge: 30d, overlap: 2d, retain: 10d, strategy: replace}")

    static func steps(_ twin: ApplyTwin) throws -> ReplaceSteps<HTTPDfnsClient> {
        let endpoints = try PrincipalEndpoints(kind: .serviceAccount, client: twin.client)
        return ReplaceSteps(declared: try ApplyTwin.principal(manifest), endpoints: endpoints, tools: twin.tools)
    }

    /// Creates the account, makes the rotation due, and returns the first generation's id.
    static func due(_ twin: ApplyTwin) async throws -> String {
        try await twin.create(.serviceAccount, name, in: try ApplyTwin.desired(manifest))
        twin.advance(days: 30)
        return try #require(try await twin.entry(path).current?.metadata.principalId)
    }

    @Test("due → staged → registered → overlap → retire → done → steady, one step at a time")
    func everyStep() async throws {
        try await ApplyTwin.with { twin in
            let oldId = try await Self.due(twin)
            let steps = try Self.steps(twin)
            var step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .due)
            var entry = try await twin.entry(Self.path)
            #expect(entry.pending?.metadata.generation == 2 && entry.pending?.metadata.principalId == nil)
            #expect(try await Self.generations(twin) == [oldId: true])

            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .staged)
            entry = try await twin.entry(Self.path)
            let newId = try #require(entry.pending?.metadata.principalId)
            #expect(try await Self.generations(twin) == [oldId: true, newId: true])
            let successor = try #require(try await twin.principals(.serviceAccount, Self.name).first { $0.id == newId })
            #expect(successor.permissions.count == 1, "the successor has the declared permission")

            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .registered)
            entry = try await twin.entry(Self.path)
            #expect(entry.current?.metadata.principalId == newId && entry.previous?.metadata.principalId == oldId)
            let second = try await twin.identity(Self.path)
            #expect(await twin.signs(as: second))

            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .overlap && !step.more)

            twin.advance(days: 2)
            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .retire)
            #expect(try await Self.generations(twin) == [oldId: false, newId: true])

            twin.advance(days: 10)
            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .done && step.more)
            #expect(step.message == "deleted the previous generation \(oldId) (retain elapsed)")
            #expect(try await Self.generations(twin) == [newId: true])
            #expect(try await twin.entry(Self.path).previous == nil)
            #expect(try await twin.step(steps, at: Self.path).phase == .steady)
        }
    }

    /// A failed create leaves the key pending with no principal; a lost answer leaves an orphan without a token.
    @Test(
        "an interrupted create of the successor: the next run creates it",
        arguments: [FaultRule.Action.fail, .commitThenFail])
    func interruptedCreate(action: FaultRule.Action) async throws {
        try await ApplyTwin.with { twin in
            let steps = try Self.steps(twin)
            let oldId = try await Self.due(twin)
            try await twin.interruptedRun(steps, at: Self.path, fault: "POST", "/auth/service-accounts", action)
            #expect(try await twin.entry(Self.path).pending?.metadata.principalId == nil)
            let orphans = try await Self.generations(twin).keys.filter { $0 != oldId }
            #expect(orphans.count == (action == .fail ? 0 : 1))

            let message = try await twin.run(steps, at: Self.path)
            for orphan in orphans {
                #expect(message.contains("removed \(orphan), left by an interrupted run"), "\(message)")
            }
            let entry = try await twin.entry(Self.path)
            let newId = try #require(entry.current?.metadata.principalId)
            #expect(newId != oldId && entry.previous?.metadata.principalId == oldId)
            #expect(try await Self.generations(twin) == [oldId: true, newId: true])
        }
    }
}
