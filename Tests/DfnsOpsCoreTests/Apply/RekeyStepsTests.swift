import DfnsAPI
import DfnsEmulator
import Foundation
import SecretStores
import Testing

@testable import DfnsOpsCore

/// The rekey strategy's steps against the in-process twin: the service account keeps its token and gets a new Key
/// credential; the old one is deactivated after the overlap and its key dropped after `retain`.
@Suite("apply: rekey steps")
struct RekeyStepsTests {
    static let name = "payments-signer"
    static let path = "accounts/\(name)"
    static let manifest = ApplyTwin.serviceAccount(
        name, algorithm: "ecdsa-p256", rotation: "{maxAge: 90d, overlap: 3d, retain: 30d}")

    static func steps(_ twin: ApplyTwin) throws -> RekeySteps<HTTPDfnsClient> {
        RekeySteps(declared: try ApplyTwin.principal(manifest), tools: twin.tools)
    }

    /// Creates the account and returns its first identity.
    static func created(_ twin: ApplyTwin) async throws -> DfnsIdentity {
        try await twin.create(.serviceAccount, name, in: try ApplyTwin.desired(manifest))
        return try await twin.identity(path)
    }

    @Test("steady → due → staged → registered → overlap → retire → done → steady, one step at a time")
    func everyStep() async throws {
        try await ApplyTwin.with { twin in
            let steps = try Self.steps(twin)
            let first = try await Self.created(twin)
            var step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .steady && !step.more)
            #expect(step.message == "nothing to do: generation 1 is current")

            twin.advance(days: 90)
            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .due && step.more)
            var entry = try await twin.entry(Self.path)
            #expect(entry.pending?.metadata.generation == 2)
            #expect(entry.pending?.metadata.credentialId == nil, "nothing reached Dfns yet")
            #expect(try await twin.credentials(Self.path).count == 1)

            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .staged)
            #expect(step.message.contains("registered generation 2 through /auth/credentials"), "\(step.message)")
            entry = try await twin.entry(Self.path)
            let registered = try #require(entry.pending?.metadata.credentialId)
            let credentials = try await twin.credentials(Self.path)
            #expect(credentials.filter(\.isActive).count == 2)
            #expect(
                credentials.first { $0.credentialId == registered }?.name == "dfnsops:ServiceAccount/\(Self.name)#2")

            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .registered)
            entry = try await twin.entry(Self.path)
            #expect(entry.pending == nil)
            #expect(entry.current?.metadata.generation == 2 && entry.previous?.metadata.generation == 1)
            let second = try await twin.identity(Self.path)
            #expect(second.token == first.token, "rekey keeps the token")
            #expect(second.signer?.credentialId == registered)

            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .overlap && !step.more)
            #expect(step.message.contains("waiting: deactivate generation 1 after"), "\(step.message)")
            #expect(await twin.signs(as: first), "the old key still signs during the overlap")

            twin.advance(days: 3)
            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .retire)
            #expect(try await twin.credentials(Self.path).filter(\.isActive).map(\.credentialId) == [registered])
            #expect(await twin.signs(as: first) == false)

            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .done && !step.more, "previous is kept until retain elapses")
            #expect(try await twin.entry(Self.path).previous != nil)

            twin.advance(days: 30)
            step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .done && step.more)
            #expect(try await twin.entry(Self.path).previous == nil)
            #expect(try await twin.step(steps, at: Self.path).phase == .steady)
            #expect(await twin.signs(as: second))
        }
    }

    @Test("a key added beside dfnsops is no generation: a full rekey leaves it active (issue 13)")
    func foreignKeySurvives() async throws {
        try await ApplyTwin.with { twin in
            let steps = try Self.steps(twin)
            let first = try await Self.created(twin)
            // Someone registers a backup key on the account by hand; the store has no record of it.
            let backup = try PrivateSigningKey(generating: .ecdsaP256)
            let asAccount = twin.tools.client.acting(as: first)
            let challenge = try await asAccount.createCredentialChallenge(kind: "Key")
            let info = try KeyCredentialAttestation.make(
                newKey: backup, credId: "hsm-backup-key", challenge: challenge.challenge)
            let added = try await asAccount.createKeyCredential(
                CreateKeyCredentialRequest(
                    credentialName: "hsm-backup-key", challengeIdentifier: challenge.challengeIdentifier,
                    credentialInfo: info)
            ).required("registering the backup key")
            #expect(try await twin.step(steps, at: Self.path).phase == .steady, "the backup key starts no rotation")

            twin.advance(days: 90)
            _ = try await twin.run(steps, at: Self.path)
            twin.advance(days: 3)
            let message = try await twin.run(steps, at: Self.path)
            #expect(message.contains("deactivated the old credential"), "\(message)")
            let active = try await twin.credentials(Self.path).filter(\.isActive).map(\.credentialId)
            #expect(active.contains(added.credentialId), "the backup key is still active")
            #expect(active.count == 2, "generation 2 and the backup key; generation 1 was retired")
            #expect(await twin.signs(as: first) == false)
            #expect(try await twin.step(steps, at: Self.path).phase == .done)
        }
    }

    /// Creates the account, makes it due and runs the rotation with a fault on the registration.
    static func interrupted(_ twin: ApplyTwin, _ action: FaultRule.Action) async throws -> RekeySteps<HTTPDfnsClient> {
        let steps = try Self.steps(twin)
        _ = try await Self.created(twin)
        twin.advance(days: 90)
        try await twin.interruptedRun(steps, at: path, fault: "POST", "/auth/credentials", action)
        return steps
    }

    @Test("a failed registration leaves the key pending and unregistered; the next run registers it")
    func failedRegistration() async throws {
        try await ApplyTwin.with { twin in
            let steps = try await Self.interrupted(twin, .fail)
            let staged = try #require(try await twin.entry(Self.path).pending)
            #expect(staged.metadata.credentialId == nil && staged.metadata.generation == 2)
            #expect(try await twin.credentials(Self.path).count == 1, "nothing was registered")

            let message = try await twin.run(steps, at: Self.path)
            #expect(message.contains("registered generation 2"), "\(message)")
            let entry = try await twin.entry(Self.path)
            #expect(entry.pending == nil && entry.current?.fingerprint == staged.fingerprint, "the staged key is used")
            #expect(try await twin.credentials(Self.path).filter(\.isActive).count == 2)
        }
    }

    @Test("a registration whose answer was lost is found by its fingerprint, not registered twice")
    func lostAnswer() async throws {
        try await ApplyTwin.with { twin in
            let steps = try await Self.interrupted(twin, .commitThenFail)
            #expect(try await twin.entry(Self.path).pending?.metadata.credentialId == nil)

            let step = try await twin.step(steps, at: Self.path)
            #expect(step.phase == .registered)
            #expect(step.message.contains("found generation 2 registered by an interrupted run"), "\(step.message)")
            _ = try await twin.run(steps, at: Self.path)
            #expect(try await twin.entry(Self.path).current?.metadata.generation == 2)
            #expect(try await twin.credentials(Self.path).count == 2, "one registration, not two")
        }
    }
}
