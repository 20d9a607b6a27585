import DfnsAPI
import Foundation
import Testing

@testable import DfnsOpsCore

/// Apply sends no mutating request that the running action's planned effects do not cover.
@Suite("apply: the effect gate")
struct EffectGateTests {
    static func request(_ method: String, _ path: String, _ body: [String: String]? = nil) -> MutationRequest {
        MutationRequest(
            method: method, path: path, body: body.map { try! JSONSerialization.data(withJSONObject: $0) })
    }

    @Test(
        "every mutating request dfnsops sends reads as the effect it has",
        arguments: [
            (request("POST", "/auth/service-accounts"), Effect(.create, .serviceAccount)),
            (request("PUT", "/auth/pats/to-1/deactivate"), Effect(.deactivate, .personalAccessToken, id: "to-1")),
            (request("DELETE", "/auth/service-accounts/us-1"), Effect(.delete, .serviceAccount, id: "us-1")),
            (
                request("PUT", "/auth/credentials/deactivate", ["credentialUuid": "cr-1"]),
                Effect(.deactivate, .credential, id: "cr-1")
            ),
            (
                request("POST", "/auth/credentials", ["credentialName": "dfnsops:ServiceAccount/a#2"]),
                Effect(.create, .credential, name: "dfnsops:ServiceAccount/a#2")
            ),
            (
                request("DELETE", "/auth/service-accounts/credentials/cr-2"),
                Effect(.delete, .credential, id: "cr-2")
            ),
            (
                request("POST", "/permissions/pm-1/assignments", ["identityId": "us-1"]),
                Effect(.assign, .permission, id: "pm-1", subject: "us-1")
            ),
            (request("DELETE", "/permissions/pm-1/assignments/as-9"), Effect(.revoke, .permission, id: "pm-1")),
            (request("POST", "/webhooks/wh-1/ping"), Effect(.ping, .webhook, id: "wh-1")),
            (request("PUT", "/webhooks/wh%2D1"), Effect(.update, .webhook, id: "wh-1")),
        ])
    func reads(request: MutationRequest, effect: Effect) throws {
        #expect(try #require(RequestedEffect(request)).effect == effect)
    }

    @Test("a request no effect covers is refused, and remembered whatever the step makes of the error")
    func refuses() throws {
        let action = PlannedAction(
            id: "rotate:ServiceAccount/a:retire", type: .rotate, kind: .serviceAccount, name: "a",
            reason: .rotationMaxAge,
            effects: [Effect(.deactivate, .credential, id: "cr-old", orElse: .delete)], summary: "rotate")
        let gate = EffectGate(action: action)
        try gate.admit(Self.request("PUT", "/auth/credentials/deactivate", ["credentialUuid": "cr-old"]))
        try gate.admit(Self.request("DELETE", "/auth/service-accounts/credentials/cr-old"))
        #expect(gate.refusal == nil)
        #expect(throws: OutsidePlan.self) {
            try gate.admit(Self.request("PUT", "/auth/credentials/deactivate", ["credentialUuid": "cr-backup"]))
        }
        #expect(throws: OutsidePlan.self) { try gate.admit(Self.request("PUT", "/auth/users/us-1/deactivate")) }
        let refusal = try #require(gate.refusal)
        #expect(refusal.description.contains("PUT /auth/credentials/deactivate"))
        #expect(refusal.description.contains("cr-backup"))
    }

    @Test("an effect naming a credential by its credential id admits the uuid Dfns lists for that id, and no other")
    func credentialIdAlias() throws {
        let action = PlannedAction(
            id: "rotate:ServiceAccount/a", type: .rotate, kind: .serviceAccount, name: "a", reason: .rotationMaxAge,
            effects: [Effect(.deactivate, .credential, id: "cred-id-old", orElse: .delete)], summary: "rotate")
        let gate = EffectGate(action: action)
        let deactivateOld = Self.request("PUT", "/auth/credentials/deactivate", ["credentialUuid": "cr-old"])
        #expect(throws: OutsidePlan.self, "before any list, the uuid is unknown") { try gate.admit(deactivateOld) }
        func listed(_ uuid: String, _ id: String) -> Credential {
            Credential(
                kind: "Key", credentialId: id, credentialUuid: uuid, dateCreated: "2026-01-01T00:00:00Z",
                isActive: true, name: id, publicKey: "")
        }
        gate.learn([listed("cr-old", "cred-id-old"), listed("cr-new", "cred-id-new")])
        try gate.admit(deactivateOld)
        try gate.admit(Self.request("DELETE", "/auth/service-accounts/credentials/cr-old"))
        #expect(throws: OutsidePlan.self) {
            try gate.admit(Self.request("PUT", "/auth/credentials/deactivate", ["credentialUuid": "cr-new"]))
        }
    }

    @Test("an effect on the new object binds to the first id a request names: the action touches no other")
    func bindsNew() throws {
        let action = PlannedAction(
            id: "create:Webhook/h", type: .create, kind: .webhook, name: "h", reason: .notFound,
            effects: [Effect(.create, .webhook), Effect(.delete, .webhook, onlyIf: "if its secret cannot be stored")],
            summary: "create")
        let gate = EffectGate(action: action)
        try gate.admit(Self.request("POST", "/webhooks"))
        try gate.admit(Self.request("DELETE", "/webhooks/wh-new"))
        try gate.admit(Self.request("DELETE", "/webhooks/wh-new"))
        #expect(throws: OutsidePlan.self) { try gate.admit(Self.request("DELETE", "/webhooks/wh-someone-elses")) }
    }

    @Test("apply blocks an action whose request its plan did not show, sends nothing, and the next plan continues")
    func blocksEndToEnd() async throws {
        try await ApplyTwin.with { twin in
            let manifest = ApplyTwin.serviceAccount(
                "payments-signer", algorithm: "ecdsa-p256", rotation: "{maxAge: 90d, overlap: 3d, retain: 30d}")
            let desired = try ApplyTwin.desired(manifest)
            try await twin.create(.serviceAccount, "payments-signer", in: desired)
            twin.advance(days: 90)
            var action = try await twin.planned("rotate:ServiceAccount/payments-signer", in: desired)
            #expect(
                action.effects.map(\.description) == [
                    #"create Credential "dfnsops:ServiceAccount/payments-signer#2" (new)"#
                ])
            action.effects = []
            let before = try await twin.credentials("accounts/payments-signer")

            let result = await twin.executor(desired).execute(action)
            #expect(result.status == .blocked && result.reason == .outsidePlan, "\(result)")
            #expect(result.message.contains("POST /auth/credentials"), "\(result.message)")
            #expect(try await twin.credentials("accounts/payments-signer") == before, "nothing was registered")

            let planned = try await twin.planned("rotate:ServiceAccount/payments-signer", in: desired)
            let resumed = await twin.executor(desired).execute(planned)
            #expect(resumed.status == .done, "\(resumed.message)")
            #expect(try await twin.credentials("accounts/payments-signer").count == 2)
        }
    }
}
