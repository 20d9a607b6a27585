import DfnsAPI
import Foundation
import Testing

@Suite struct ModelsDecodingTests {
    private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    private func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func serviceAccountCreateResponseCarriesTheTokenOnce() throws {
        let account = try decode(ServiceAccount.self, ModelsSamples.serviceAccount(withToken: true))
        #expect(account.userInfo.userId == "us-2a1b3-4c5d6-7e8f9g0h1i2j3k4l")
        #expect(account.userInfo.isServiceAccount)
        #expect(account.userInfo.permissionAssignments?.first?.permissionId == "pm-1")
        #expect(account.accessTokens.count == 1)
        #expect(account.accessTokens[0].accessToken == "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.sa-token")
        #expect(account.accessTokens[0].tokenId == "to-7f2a1-3b4c5-6d7e8f9a0b1c2d3e")
        #expect(account.accessTokens[0].publicKey == ModelsSamples.publicKeyPEM)
        #expect(account.accessTokens[0].kind == "ServiceAccount")
    }

    @Test func serviceAccountListHasNoToken() throws {
        let list = try decode(
            ItemList<ServiceAccount>.self, "{\"items\":[\(ModelsSamples.serviceAccount(withToken: false))]}")
        #expect(list.items.count == 1)
        #expect(list.items[0].accessTokens[0].accessToken == nil)
    }

    @Test func serviceAccountWithoutAccessTokensReadsAsEmpty() throws {
        let text = """
            {"userInfo":{"userId":"us-1","username":"a","kind":"CustomerEmployee","isActive":false,
             "isServiceAccount":true,"isRegistered":true}}
            """
        let account = try decode(ServiceAccount.self, text)
        #expect(account.accessTokens.isEmpty)
        #expect(account.userInfo.isActive == false)
    }

    @Test func personalAccessTokenDecodesWithAndWithoutToken() throws {
        let withToken = """
            {"accessToken":"pat-secret","tokenId":"to-1","credId":"c1","publicKey":"PEM","isActive":true,
             "dateCreated":"2026-01-01T00:00:00Z","kind":"Pat","linkedUserId":"us-1","linkedAppId":"ap-1",
             "name":"ci","orgId":"or-1","permissionAssignments":[]}
            """
        let pat = try decode(PersonalAccessToken.self, withToken)
        #expect(pat.accessToken == "pat-secret")
        let listed = try decode(PAT.self, withToken.replacingOccurrences(of: #""accessToken":"pat-secret","#, with: ""))
        #expect(listed.accessToken == nil)
        #expect(listed.creationDate == DfnsDate.parse("2026-01-01T00:00:00.000Z"))
    }

    @Test func webhookSecretOnlyOnCreate() throws {
        let created = try decode(Webhook.self, ModelsSamples.webhook(secret: "whs-Fij3kMCRZLCAzOqnpLzVQUEKe9Rw5V8s"))
        #expect(created.secret == "whs-Fij3kMCRZLCAzOqnpLzVQUEKe9Rw5V8s")
        #expect(created.status == .enabled)
        #expect(created.events == ["wallet.created", "*"])
        let fetched = try decode(Webhook.self, ModelsSamples.webhook())
        #expect(fetched.secret == nil)
        #expect(fetched.description == "CI hook [dfnsops:Webhook/ci]")
        #expect(fetched.updateDate != nil)
    }

    @Test func webhookStatusKeepsUnknownValues() throws {
        let webhook = try decode(Webhook.self, ModelsSamples.webhook(status: "Paused"))
        #expect(webhook.status == WebhookStatus(rawValue: "Paused"))
        #expect(webhook.status != .enabled && webhook.status != .disabled)
        #expect(try encode(UpdateWebhookRequest(status: .disabled)) == #"{"status":"Disabled"}"#)
    }

    @Test func credentialsDecode() throws {
        let list = try decode(ItemList<Credential>.self, ModelsSamples.credentialList)
        #expect(list.items.map(\.credentialUuid) == ["cr-1", "cr-2"])
        #expect(list.items[0].relyingPartyId == "dfns.io")
        #expect(list.items[1].origin == nil)
        #expect(list.items[1].isActive == false)
        #expect(list.items[0].creationDate != nil)
    }

    @Test func keyCredentialChallengeDecodes() throws {
        let challenge = try decode(CredentialChallenge.self, ModelsSamples.keyChallenge)
        #expect(challenge.kind == "Key")
        #expect(challenge.challengeIdentifier == "eyJjaGFsbGVuZ2Ui.jwt")
        #expect(challenge.user.displayName == "Ops")
        #expect(challenge.pubKeyCredParams.map(\.alg) == [-7, -257])
        #expect(challenge.rp?.id == "dfns.io")
    }

    @Test func usersPermissionsAndAssignmentsDecode() throws {
        let user = try decode(User.self, ModelsSamples.user)
        #expect(user.userId == "us-1" && user.isSSORequired == false)
        #expect(user.permissionAssignments?.first?.operations == nil)
        let permission = try decode(Permission.self, ModelsSamples.permission)
        #expect(permission.operations.count == 2)
        #expect(permission.pendingChangeRequest?["status"]?.stringValue == "Pending")
        let assignment = try decode(PermissionAssignment.self, ModelsSamples.assignment)
        #expect(assignment.identityId == "us-1")
    }

    @Test func webhookEventsAndDeliveryPayloadDecode() throws {
        let event = try decode(WebhookEvent.self, ModelsSamples.webhookEvent)
        #expect(event.data["wallet"]?["id"]?.stringValue == "wa-1")
        #expect(event.data["amount"] == .number(1.5))
        #expect(event.data["ok"] == .bool(true))
        #expect(event.data["none"] == .null)
        #expect(try decode(JSONValue.self, "[1,0,true]") == .array([.number(1), .number(0), .bool(true)]))
        #expect(event.timestampSent == 1_777_636_800)
        #expect(event.error == nil)
        #expect(event.eventDate != nil)
        let payload = try decode(WebhookDeliveryPayload.self, ModelsSamples.deliveryPayload)
        #expect(payload.retryOf == "whe-1" && payload.deliveryAttempt == 2)
    }

    @Test func pagesDecodeWithAndWithoutNextToken() throws {
        let page = try decode(
            Page<Webhook>.self, "{\"items\":[\(ModelsSamples.webhook())],\"nextPageToken\":\"tok-2\"}")
        #expect(page.items.count == 1 && page.nextPageToken == "tok-2")
        let last = try decode(Page<Webhook>.self, #"{"items":[]}"#)
        #expect(last.nextPageToken == nil && last.items.isEmpty)
    }

    @Test func encodingLeavesOutNilFields() throws {
        #expect(try encode(UpdateServiceAccountRequest(name: "x")) == #"{"name":"x"}"#)
        #expect(try encode(DeactivateServiceAccountRequest()) == "{}")
        #expect(
            try encode(CreateServiceAccountRequest(name: "ci", publicKey: "PEM", externalId: "dfnsops:sa/ci"))
                == #"{"externalId":"dfnsops:sa/ci","name":"ci","publicKey":"PEM"}"#)
        #expect(
            try encode(CreatePersonalAccessTokenRequest(name: "p", publicKey: "K", secondsValid: 60))
                == #"{"name":"p","publicKey":"K","secondsValid":60}"#)
        #expect(
            try encode(CreateWebhookRequest(url: "https://h/x", events: ["*"]))
                == #"{"events":["*"],"url":"https://h/x"}"#)
    }

    @Test func keyCredentialRequestUsesTheReferenceNames() throws {
        let request = CreateKeyCredentialRequest(
            credentialName: "dfnsops:ServiceAccount/ci#2", challengeIdentifier: "ci-1",
            credentialInfo: KeyCredentialInfo(credId: "c2", clientData: "cd", attestationData: "ad"))
        #expect(
            try encode(request)
                == #"{"challengeIdentifier":"ci-1","credentialInfo":{"attestationData":"ad","clientData":"cd","#
                + #""credId":"c2"},"credentialKind":"Key","credentialName":"dfnsops:ServiceAccount/ci#2"}"#)
        #expect(try encode(CredentialUuidRequest(credentialUuid: "cr-1")) == #"{"credentialUuid":"cr-1"}"#)
        #expect(try encode(CreateServiceAccountCredentialRequest(publicKey: "K")) == #"{"publicKey":"K"}"#)
    }

    @Test func credentialCodeExpirationTakesBothForms() throws {
        let date = try decode(CreateCredentialCodeRequest.self, #"{"expiration":"2026-01-01T00:00:00Z"}"#)
        #expect(date.expiration == .date("2026-01-01T00:00:00Z"))
        let seconds = try decode(CreateCredentialCodeRequest.self, #"{"expiration":1767225600}"#)
        #expect(seconds.expiration == .unixSeconds(1_767_225_600))
        let code = try decode(CredentialCode.self, #"{"code":"A7U-KY6-9PT","expiration":"2026-01-01T00:01:00Z"}"#)
        #expect(code.code == "A7U-KY6-9PT")
    }

    @Test func smallResponsesDecode() throws {
        #expect(try decode(MessageResponse.self, #"{"message":"success"}"#).message == "success")
        #expect(try decode(DeleteWebhookResponse.self, #"{"deleted":true}"#).deleted)
        let ping = try decode(PingWebhookResponse.self, #"{"status":"500","error":"boom"}"#)
        #expect(ping.status == "500" && ping.error == "boom")
        #expect(try decode(EmptyResponse.self, "{}") == EmptyResponse())
        #expect(try decode(EmptyResponse.self, #"{"anything":[1]}"#) == EmptyResponse())
        let approval = try decode(PendingApproval.self, #"{"id":"ap-1","status":"Pending"}"#)
        #expect(approval.id == "ap-1" && approval.status == "Pending")
    }

    @Test(arguments: [
        ("2026-05-01T12:00:00Z", 1_777_636_800.0),
        ("2026-05-01T12:00:00.250Z", 1_777_636_800.25),
        ("2026-05-01T14:00:00+02:00", 1_777_636_800.0),
    ])
    func datesParseWithAndWithoutFractions(text: String, seconds: Double) throws {
        let date = try #require(DfnsDate.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.001)
    }

    @Test func invalidDatesDoNotParse() {
        #expect(DfnsDate.parse("yesterday") == nil)
        #expect(DfnsDate.parse("") == nil)
    }
}
