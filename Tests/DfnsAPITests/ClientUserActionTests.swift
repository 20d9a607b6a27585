import DfnsAPI
import Foundation
import TestSupport
import Testing

@Suite struct ClientUserActionTests {
    @Test func signedPayloadIsByteIdenticalToTheBodySent() async throws {
        let harness = try await ClientTestHarness.start { _ in
            .json(ModelsSamples.serviceAccount(withToken: true))
        }
        defer { Task { await harness.shutdown() } }
        let request = CreateServiceAccountRequest(
            name: "ci \"quoted\" naïve/slash", publicKey: ModelsSamples.publicKeyPEM,
            externalId: "dfnsops:ServiceAccount/ci", daysValid: 365)

        let outcome = try await harness.client().createServiceAccount(request)

        #expect(outcome.value?.accessTokens.first?.accessToken != nil)
        let calls = harness.signedCalls
        #expect(calls.count == 1)
        let call = try #require(calls.first)
        #expect(call.declared.userActionHttpMethod == "POST")
        #expect(call.declared.userActionHttpPath == "/auth/service-accounts")
        #expect(call.declared.userActionServerKind == "Api")
        #expect(Data(call.declared.userActionPayload.utf8) == call.request.body)
        #expect(call.request.header("Content-Type") == "application/json")
        #expect(try JSONDecoder().decode(CreateServiceAccountRequest.self, from: call.request.body) == request)
    }

    @Test func callsWithoutBodySignAnEmptyPayloadAndSendNoBody() async throws {
        let harness = try await ClientTestHarness.start { request in
            request.path.hasPrefix("/webhooks") ? .json(#"{"status":"200"}"#) : .json("{}")
        }
        defer { Task { await harness.shutdown() } }

        let ping = try await harness.client().pingWebhook(id: "wh-1")
        _ = try await harness.client().deleteCredential(uuid: "cr-1")

        #expect(ping.value?.status == "200")
        for call in harness.signedCalls {
            #expect(call.declared.userActionPayload == "")
            #expect(call.request.body.isEmpty)
            #expect(call.request.header("Content-Type") == nil)
        }
        #expect(
            harness.signedCalls.map(\.declared.userActionHttpPath) == ["/webhooks/wh-1/ping", "/auth/credentials/cr-1"])
    }

    @Test func noContentReadsAsAnEmptyResponse() async throws {
        let harness = try await ClientTestHarness.start { _ in HTTPTestServer.Response(status: 204) }
        defer { Task { await harness.shutdown() } }

        let outcome = try await harness.client().revokePermission(permissionId: "pm-1", assignmentId: "as-1")

        #expect(outcome == .done(EmptyResponse()))
        #expect(harness.signedCalls.first?.declared.userActionHttpPath == "/permissions/pm-1/assignments/as-1")
        #expect(harness.signedCalls.first?.request.method == "DELETE")
    }

    @Test func deactivateSendsForceOnlyWhenGiven() async throws {
        let harness = try await ClientTestHarness.start { _ in .json(ModelsSamples.serviceAccount(withToken: false)) }
        defer { Task { await harness.shutdown() } }
        let client = try harness.client()

        _ = try await client.deactivateServiceAccount(id: "us-1", force: nil)
        _ = try await client.deactivateServiceAccount(id: "us-1", force: true)

        #expect(harness.signedCalls.map(\.request.bodyText) == ["", #"{"force":true}"#])
        #expect(harness.signedCalls.allSatisfy { Data($0.declared.userActionPayload.utf8) == $0.request.body })
    }

    @Test(arguments: [KeyAlgorithm.ecdsaP256, .ed25519, .rsa2048])
    func signatureTheServerReceivesVerifiesWithTheSignersKey(algorithm: KeyAlgorithm) async throws {
        let harness = try await ClientTestHarness.start(algorithm: algorithm) { _ in
            .json(#"{"message":"success"}"#)
        }
        defer { Task { await harness.shutdown() } }

        let outcome = try await harness.client().deactivateCredential(uuid: "cr-1")

        #expect(outcome.value?.message == "success")
        #expect(harness.verificationResults.count == 1)
        #expect(harness.verificationResults.allSatisfy { $0 == nil })
        let call = try #require(harness.signedCalls.first)
        #expect(call.request.header("X-DFNS-USERACTION") == harness.issuedTokens.first)
        #expect(call.request.header("Authorization") == "Bearer \(ClientTestHarness.bearerToken)")
    }

    @Test func acceptedStatusIsAPendingApproval() async throws {
        let harness = try await ClientTestHarness.start { _ in
            .json(202, #"{"id":"ap-3kq2t-1dr4b-8jk7c6f5e4d3c2b1","status":"Pending","kind":"Policy"}"#)
        }
        defer { Task { await harness.shutdown() } }

        let outcome = try await harness.client().createWebhook(
            CreateWebhookRequest(url: "https://hooks.example/x", events: ["*"]))

        #expect(outcome.value == nil)
        let approval = try #require(outcome.pendingApproval)
        #expect(approval.id == "ap-3kq2t-1dr4b-8jk7c6f5e4d3c2b1")
        #expect(approval.status == "Pending")
    }

    @Test func actingAsAnotherIdentitySignsWithItAndSharesTheCounter() async throws {
        let harness = try await ClientTestHarness.start { _ in .json(#"{"message":"ok"}"#) }
        defer { Task { await harness.shutdown() } }
        let operatorClient = try harness.client()
        let other = DfnsIdentity(
            token: "service-account-token",
            signer: KeyCredentialSigner(
                credentialId: ClientTestHarness.credentialId, privateKey: try PrivateSigningKey(generating: .ed25519)))
        let actingClient = operatorClient.acting(as: other)

        await #expect(throws: DfnsAPIError.self) { try await actingClient.activateCredential(uuid: "cr-2") }

        // The harness knows only the operator's key, so the other identity's signature is refused.
        #expect(harness.verificationResults == [KeyAssertion.VerificationFailure.badSignature])
        let initRequest = try #require(try harness.httpServer.requests("POST", "/auth/action/init").first)
        #expect(initRequest.header("Authorization") == "Bearer service-account-token")
        #expect(operatorClient.requestCount == 2)
        #expect(actingClient.requestCount == 2)
    }

    @Test func refusesToSignWithACredentialTheServerDoesNotList() async throws {
        let harness = try await ClientTestHarness.start { _ in .json("{}") }
        defer { Task { await harness.shutdown() } }
        let stranger = DfnsIdentity(
            token: "t", signer: KeyCredentialSigner(credentialId: "not-mine", privateKey: harness.signingKey))

        let error = await #expect(throws: DfnsAPIError.self) {
            try await harness.client().acting(as: stranger).deleteWebhook(id: "wh-1")
        }

        #expect(error?.kind == .signing)
        #expect(error?.description.contains("not-mine") == true)
        #expect(try harness.httpServer.requests("POST", "/auth/action").isEmpty)
    }
}
